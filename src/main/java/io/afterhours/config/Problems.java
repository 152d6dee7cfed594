package io.afterhours.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects problems while the whole configuration is read, so that all are reported at once. */
final class Problems {
  private final Set<ConfigProblem> problems = new LinkedHashSet<>();
  private final String fallbackFile;

  Problems(String fallbackFile) {
    this.fallbackFile = fallbackFile;
  }

  void add(ConfigOrigin origin, String key, String message) {
    String file = fallbackFile;
    int line = -1;
    if (ConfigOverrides.isOverride(origin)) {
      // Set outside the file: the property or variable is where to look, and it has no line.
      problems.add(new ConfigProblem(origin.description(), -1, key, message));
      return;
    }
    if (origin != null) {
      if (origin.filename() != null) {
        file = origin.filename();
      } else if (origin.resource() != null) {
        file = origin.resource();
      }
      line = origin.lineNumber();
    }
    problems.add(new ConfigProblem(file, line, key, message));
  }

  void addFileProblem(String message) {
    problems.add(new ConfigProblem(fallbackFile, -1, "", message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<ConfigProblem> asList() {
    List<ConfigProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        (a, b) ->
            a.file().equals(b.file())
                ? Integer.compare(a.line(), b.line())
                : a.file().compareTo(b.file()));
    return sorted;
  }

  void throwIfAny() throws InvalidConfigException {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(asList());
    }
  }
}
