package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reports keys that afterhours does not know, so that a typo like {@code hours.mondy} is never
 * silently ignored. Known keys are those of reference.conf, plus the shapes of list items.
 */
final class KnownKeys {
  private static final Set<String> OFFICE_KEYS =
      Set.of(
          "zone",
          "language",
          "templates",
          "hours",
          "holidays",
          "away",
          "response-time",
          "reply",
          "values");
  private static final String SERVER =
      "{ host = \"\", port = 0, security = \"\", user = \"\", password = \"\","
          + " password-file = \"\", password-command = \"\", oauth2 { token-command = \"\" },"
          + " trust-file = \"\", allow-insecure = false }";
  private static final ConfigObject MAILBOX =
      ConfigFactory.parseString(
              "name = \"\", address = \"\", display-name = \"\", aliases = [], folders = [],"
                  + " save-to-sent = true, first-start = \"\", imap = "
                  + SERVER
                  + ", smtp = "
                  + SERVER.replace("{ host", "{ envelope-sender = \"\", host")
                  + ", sieve = { host = \"\", port = 0, security = \"\" }")
          .root();
  private static final ConfigObject AWAY =
      ConfigFactory.parseString(
              "from = \"\", until = \"\", template = \"\", note = \"\", forward-to = []")
          .root();
  private static final ConfigObject HOLIDAY_DATE =
      ConfigFactory.parseString("date = \"\", name = \"\"").root();

  private final ConfigObject reference;
  private final Problems problems;

  KnownKeys(Config reference, Problems problems) {
    this.reference = reference.getObject("afterhours");
    this.problems = problems;
  }

  void check(Config user) {
    for (Map.Entry<String, ConfigValue> entry : user.root().entrySet()) {
      if (!entry.getKey().equals("afterhours")) {
        unknown(entry.getValue(), entry.getKey(), Set.of("afterhours"));
      } else if (entry.getValue() instanceof ConfigObject afterhours) {
        checkObject(afterhours, reference, "");
      }
    }
  }

  private void checkObject(ConfigObject user, ConfigObject known, String prefix) {
    for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
      String key = entry.getKey();
      String path = prefix + key;
      ConfigValue value = entry.getValue();
      if (!known.containsKey(key)) {
        unknown(value, path, known.keySet());
        continue;
      }
      if (path.endsWith("languages.by-domain")) {
        continue; // free-form: domain pattern = language
      }
      if (path.equals("values") || path.endsWith(".values")) {
        continue; // free-form: the owner's names for {{values.<name>}}
      }
      ConfigValue expected = known.get(key);
      if (value instanceof ConfigObject object && expected instanceof ConfigObject knownObject) {
        checkObject(object, knownObject, path + ".");
      } else if (value instanceof ConfigList list) {
        checkItems(list, path, key, prefix.isEmpty());
      }
    }
  }

  private void checkItems(ConfigList list, String path, String key, boolean topLevel) {
    ConfigObject itemShape =
        switch (key) {
          case "mailboxes" -> topLevel ? mailboxShape() : null;
          case "away" -> AWAY;
          case "dates" -> HOLIDAY_DATE;
          default -> null;
        };
    if (itemShape == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof ConfigObject item) {
        checkObject(item, itemShape, path + "[" + i + "].");
      }
    }
  }

  private ConfigObject mailboxShape() {
    ConfigObject shape = MAILBOX;
    for (String key : OFFICE_KEYS) {
      shape = shape.withValue(key, reference.get(key));
    }
    return shape;
  }

  private void unknown(ConfigValue value, String path, Set<String> siblings) {
    String leaf = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
    String message =
        closest(leaf, siblings)
            .map(s -> "unknown key; did you mean \"" + s + "\"?")
            .orElse("unknown key; known keys here are " + String.join(", ", sorted(siblings)));
    problems.add(originOf(value), path, message);
  }

  /**
   * Where a value was set. A block made by an override ({@code -Dafterhours.hourz.monday=…}) has no
   * origin of its own that names the property, so its first setting's is taken.
   */
  private static ConfigOrigin originOf(ConfigValue value) {
    ConfigValue first = value;
    while (first instanceof ConfigObject object && !object.isEmpty()) {
      first = object.get(object.keySet().stream().sorted().findFirst().orElseThrow());
    }
    return ConfigOverrides.isOverride(first.origin()) ? first.origin() : value.origin();
  }

  private static Iterable<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }

  static Optional<String> closest(String word, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(word.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, word.length() / 3);
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Levenshtein distance; the strings here are short keys. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
