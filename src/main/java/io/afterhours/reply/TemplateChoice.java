package io.afterhours.reply;

import io.afterhours.policy.MailAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which template answers a message: {@code reply.template} for after-hours replies, and {@code
 * reply.languages.by-domain} to pick the language from the sender's domain.
 *
 * @param replyTemplate the after-hours template name (default {@code after-hours})
 * @param languageRules tried in order; the first whose glob matches the sender's domain wins
 */
public record TemplateChoice(String replyTemplate, List<LanguageRule> languageRules) {
  public TemplateChoice {
    Objects.requireNonNull(replyTemplate, "replyTemplate");
    languageRules = List.copyOf(languageRules);
  }

  public static TemplateChoice defaults() {
    return new TemplateChoice(TemplateCatalog.AFTER_HOURS, List.of());
  }

  /** The language for this sender, or empty to use the default language. */
  public Optional<String> languageFor(MailAddress sender) {
    return languageRules.stream()
        .filter(rule -> rule.matches(sender.domain()))
        .map(LanguageRule::language)
        .findFirst();
  }
}
