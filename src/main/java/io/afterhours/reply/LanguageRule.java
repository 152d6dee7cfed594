package io.afterhours.reply;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

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
    return toRegex(domainGlob).matcher(domain.strip()).matches();
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.strip().toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
