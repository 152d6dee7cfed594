package io.afterhours.reply;

import java.util.Locale;
import java.util.Map;

/**
 * The languages the reply can be written in. Adding one is one entry in {@link #KNOWN}; a language
 * missing here still gets its own day and month names, with English patterns and words.
 */
public final class LanguageStyles {
  static final LanguageStyle ENGLISH =
      new LanguageStyle(
          Locale.ENGLISH,
          "EEEE d MMMM yyyy, HH:mm",
          "HH:mm",
          "a break",
          "outside working hours",
          "our day off",
          "the weekend",
          "a public holiday",
          "time away from the office",
          "closed",
          "Sir or Madam");

  static final LanguageStyle INDONESIAN =
      new LanguageStyle(
          Locale.forLanguageTag("id"),
          "EEEE, d MMMM yyyy 'pukul' HH.mm",
          "HH.mm",
          "istirahat",
          "di luar jam kerja",
          "hari libur mingguan kami",
          "akhir pekan",
          "hari libur",
          "sedang tidak di kantor",
          "tutup",
          "Bapak/Ibu");

  /** "in" is the old ISO code for Indonesian, still returned by JDKs run with old codes. */
  private static final Map<String, LanguageStyle> KNOWN =
      Map.of("en", ENGLISH, "id", INDONESIAN, "in", INDONESIAN);

  private LanguageStyles() {}

  /** The style for a language code such as {@code id} or {@code en}, case-insensitive. */
  public static LanguageStyle forLanguage(String code) {
    Locale locale = Locale.forLanguageTag(code.strip().replace('_', '-'));
    LanguageStyle known = KNOWN.get(locale.getLanguage());
    return known != null ? known : ENGLISH.withLocale(locale);
  }
}
