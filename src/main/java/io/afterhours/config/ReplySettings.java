package io.afterhours.config;

import io.afterhours.policy.PolicySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code reply} block.
 *
 * @param template the template for after-hours replies (default {@code after-hours})
 * @param policy the limits of the reply policy
 * @param languagesByDomain sender-domain glob to template language, most specific pattern first
 */
public record ReplySettings(
    String template, PolicySettings policy, Map<String, String> languagesByDomain) {
  public ReplySettings {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(policy, "policy");
    languagesByDomain =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(languagesByDomain));
  }
}
