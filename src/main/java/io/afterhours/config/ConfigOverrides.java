package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings given outside the config file, laid over it as Typesafe Config's {@code
 * ConfigFactory.load()} lays them: Java system properties ({@code -Dafterhours.zone=UTC}), and over
 * those environment variables named {@code CONFIG_FORCE_} and the path with {@code _} for a dot,
 * {@code __} for a dash and {@code ___} for an underscore ({@code
 * CONFIG_FORCE_afterhours_zone=UTC}, {@code CONFIG_FORCE_afterhours_poll__interval=30s}). Only keys
 * under {@code afterhours} are taken; the JVM's own properties ({@code java.home}, {@code
 * h2.bindAddress}) are not settings, and neither are system properties under {@code afterhours}
 * that name no setting ({@code afterhours.seed} of the tests): those are left alone, while a {@code
 * CONFIG_FORCE_} variable that names no setting is reported, as an unknown key in the file is.
 *
 * <p>Unlike {@code ConfigFactory.load()}, the environment is always read, without {@code
 * -Dconfig.override_with_env_vars=true}: the variables are as explicit as the properties, and a
 * service's environment file is where an operator puts such things.
 *
 * <p>Each value carries its own origin ("system property afterhours.zone"), so that a problem with
 * it, and {@code check}, can say where it came from.
 */
final class ConfigOverrides {
  static final String ENV_PREFIX = "CONFIG_FORCE_";
  private static final String SYSTEM_PROPERTY = "system property ";
  private static final String ENVIRONMENT_VARIABLE = "environment variable ";
  private static final String ROOT = "afterhours";

  private ConfigOverrides() {}

  /**
   * The overrides, the environment's over the system properties'; empty when there are none.
   *
   * @param reference the settings there are, to tell a setting from another system property
   * @param problems gets an environment variable that names no path
   */
  static Config read(
      Map<String, String> systemProperties,
      Map<String, String> env,
      Config reference,
      Problems problems) {
    Config overrides = ConfigFactory.empty();
    for (var property : new TreeMap<>(systemProperties).entrySet()) {
      String key = property.getKey();
      if (namesASetting(reference, key)) {
        overrides = with(overrides, key, property.getValue(), SYSTEM_PROPERTY + key);
      }
    }
    for (var variable : new TreeMap<>(env).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(ENV_PREFIX)) {
        continue;
      }
      Optional<String> path = pathOf(name.substring(ENV_PREFIX.length()));
      if (path.isEmpty()) {
        problems.add(
            ConfigValueFactory.fromAnyRef("", ENVIRONMENT_VARIABLE + name).origin(),
            "",
            "names no setting: in a CONFIG_FORCE_ variable _ stands for a dot, __ for a dash and"
                + " ___ for an underscore, e.g. CONFIG_FORCE_afterhours_poll__interval");
      } else {
        overrides = with(overrides, path.get(), variable.getValue(), ENVIRONMENT_VARIABLE + name);
      }
    }
    return overrides;
  }

  /** Whether a value was given outside the file, by a system property or the environment. */
  static boolean isOverride(ConfigOrigin origin) {
    return origin != null
        && origin.filename() == null
        && (origin.description().startsWith(SYSTEM_PROPERTY)
            || origin.description().startsWith(ENVIRONMENT_VARIABLE));
  }

  /**
   * Typesafe Config's mapping of a variable name to a path: _ is a dot, __ a dash, ___ an
   * underscore; empty for more underscores in a row, which Typesafe Config refuses too.
   */
  static Optional<String> pathOf(String variable) {
    StringBuilder path = new StringBuilder();
    int i = 0;
    while (i < variable.length()) {
      int run = 0;
      while (i + run < variable.length() && variable.charAt(i + run) == '_') {
        run++;
      }
      switch (run) {
        case 0 -> path.append(variable.charAt(i));
        case 1 -> path.append('.');
        case 2 -> path.append('-');
        case 3 -> path.append('_');
        default -> {
          return Optional.empty();
        }
      }
      i += Math.max(run, 1);
    }
    return Optional.of(path.toString());
  }

  /**
   * Whether {@code key} is a setting of {@code reference}, or lies inside one that is not a block
   * ({@code afterhours.hours.monday.0} for an item of a list).
   */
  static boolean namesASetting(Config reference, String key) {
    if (!key.startsWith(ROOT + ".")) {
      return false;
    }
    ConfigValue value = reference.root();
    for (String part : key.split("\\.", -1)) {
      if (!(value instanceof ConfigObject block)) {
        return true; // below a value that is not a block: a list item, say
      }
      value = block.get(part);
      if (value == null) {
        return false;
      }
    }
    return true;
  }

  private static Config with(Config overrides, String key, String value, String origin) {
    if (!key.startsWith(ROOT + ".")) {
      return overrides;
    }
    String[] parts = key.split("\\.", -1);
    if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
      return overrides; // "afterhours..zone" names no setting; KnownKeys cannot point at it either
    }
    try {
      return overrides.withValue(
          ConfigUtil.joinPath(parts), ConfigValueFactory.fromAnyRef(value, origin));
    } catch (ConfigException e) {
      return overrides;
    }
  }
}
