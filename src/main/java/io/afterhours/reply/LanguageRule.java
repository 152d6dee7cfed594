package io.afterhours.reply;

import io.afterhours.policy.GlobPattern;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of {@code reply.languages.by-domain}: senders whose domain matches the glob get the
 * language, e.g. {@code "*.id" = "id"}. {@code *} matches any run of characters, {@code ?} one;
 * matching ignores case, as domains do.
 */
public record LanguageRule(String domainGlob, String language) {
  public LanguageRule {
    Objects.requireNonNull(domainGlob, "domainGlob");
    language = language.strip().toLowerCase(Locale.ROOT);
  }

  public boolean matches(String domain) {
    return GlobPattern.of(domainGlob.strip()).matches(domain.strip());
  }
}
