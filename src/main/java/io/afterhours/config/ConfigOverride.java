package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.util.Comparator;
import java.util.List;

/**
 * One setting given outside the config file, and where: {@code zone = "UTC" (from system property
 * afterhours.zone)}.
 *
 * @param key the setting's path below {@code afterhours}, e.g. {@code zone}
 * @param value the value as HOCON writes it; a password shows as {@code ****}
 * @param source the system property or environment variable that set it
 */
public record ConfigOverride(String key, String value, String source) {

  static List<ConfigOverride> listed(Config overrides) {
    return overrides.entrySet().stream()
        .map(
            e -> {
              String key = e.getKey().substring(e.getKey().indexOf('.') + 1);
              boolean secret = key.equals("password") || key.endsWith(".password");
              String value = secret ? "****" : e.getValue().render(ConfigRenderOptions.concise());
              return new ConfigOverride(key, value, e.getValue().origin().description());
            })
        .sorted(Comparator.comparing(ConfigOverride::key))
        .toList();
  }

  @Override
  public String toString() {
    return key + " = " + value + " (from " + source + ")";
  }
}
