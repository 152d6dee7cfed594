package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads from one config object that never throw: a value of the wrong type is recorded as a
 * problem with its file, line and key, and the caller gets a fallback so reading can go on.
 */
final class ConfigReader {
  private final Config config;
  private final String prefix;
  private final Problems problems;

  ConfigReader(Config config, String prefix, Problems problems) {
    this.config = config;
    this.prefix = prefix;
    this.problems = problems;
  }

  ConfigReader child(Config sub, String childPrefix) {
    return new ConfigReader(sub, childPrefix, problems);
  }

  Problems problems() {
    return problems;
  }

  String key(String path) {
    return prefix + path;
  }

  boolean has(String path) {
    return config.hasPathOrNull(path) && !config.getIsNull(path);
  }

  ConfigOrigin origin(String path) {
    return config.hasPathOrNull(path) ? config.getValue(path).origin() : config.origin();
  }

  void problem(String path, String message) {
    problems.add(origin(path), key(path), message);
  }

  void problem(ConfigOrigin origin, String key, String message) {
    problems.add(origin, key, message);
  }

  String string(String path, String fallback) {
    if (!has(path)) {
      return fallback;
    }
    ConfigValue value = config.getValue(path);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
      problem(path, "expected a single value, not " + describe(value));
      return fallback;
    }
    return String.valueOf(value.unwrapped());
  }

  /** A string that must be present and not blank. */
  Optional<String> requiredString(String path) {
    String value = string(path, "");
    if (value.isBlank()) {
      if (!has(path)) {
        problems.add(config.origin(), key(path), "is missing");
      } else {
        problem(path, "must not be empty");
      }
      return Optional.empty();
    }
    return Optional.of(value.trim());
  }

  boolean bool(String path, boolean fallback) {
    try {
      return has(path) ? config.getBoolean(path) : fallback;
    } catch (ConfigException.WrongType e) {
      problem(path, "expected true or false, not " + describe(config.getValue(path)));
      return fallback;
    }
  }

  int integer(String path, int fallback) {
    try {
      return has(path) ? config.getInt(path) : fallback;
    } catch (ConfigException.WrongType e) {
      problem(path, "expected a whole number, not " + describe(config.getValue(path)));
      return fallback;
    }
  }

  Duration duration(String path, Duration fallback) {
    try {
      Duration value = has(path) ? config.getDuration(path) : fallback;
      if (value.isNegative()) {
        problem(path, "must not be negative");
        return fallback;
      }
      return value;
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      problem(path, describe(config.getValue(path)) + " is not a duration like 90m, 4h or 3d");
      return fallback;
    }
  }

  List<String> strings(String path) {
    List<String> result = new ArrayList<>();
    for (int i = 0; i < list(path).size(); i++) {
      ConfigValue item = list(path).get(i);
      if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
        problems.add(
            item.origin(), key(path) + "[" + i + "]", "expected text, not " + describe(item));
      } else {
        result.add(String.valueOf(item.unwrapped()));
      }
    }
    return result;
  }

  List<? extends ConfigValue> list(String path) {
    if (!has(path)) {
      return List.of();
    }
    try {
      return config.getList(path);
    } catch (ConfigException.WrongType e) {
      problem(path, "expected a list in [brackets], not " + describe(config.getValue(path)));
      return List.of();
    }
  }

  Optional<Config> object(String path) {
    if (!has(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(config.getConfig(path));
    } catch (ConfigException.WrongType e) {
      problem(path, "expected a block in {braces}, not " + describe(config.getValue(path)));
      return Optional.empty();
    }
  }

  static String describe(ConfigValue value) {
    return switch (value.valueType()) {
      case OBJECT -> "a block";
      case LIST -> "a list";
      case NULL -> "null";
      case STRING -> "\"" + value.unwrapped() + "\"";
      default -> String.valueOf(value.unwrapped());
    };
  }
}
