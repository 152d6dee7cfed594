package io.afterhours.sieve;

import java.util.List;

/**
 * What the daemon does and a Sieve script cannot: the one list that the script's header comment,
 * {@code afterhours sieve --help} and docs/sieve.md all show, so that none of them forgets one. The
 * items are constants so that picocli's annotations can name them.
 */
public final class SieveLimits {
  public static final String TIMES_FIXED =
      "Times are computed when the script is made: the next opening and the respond-by time"
          + " (counted in working time) are fixed per closed window, for one year. Regenerate it"
          + " after changing hours, holidays or away, and before it runs out.";
  public static final String NO_HTML =
      "No HTML part: the vacation reply carries the text template only.";
  public static final String PER_SENDER =
      "Per-sender limits are approximate: the server's own vacation memory waits the"
          + " longer of min-interval and once-per before answering a sender again (whole days unless the"
          + " server offers vacation-seconds; Dovecot waits at least a day by default), instead of"
          + " once per closed window.";
  public static final String NO_HOURLY_LIMIT =
      "max-per-hour is not enforced: Sieve keeps no count of replies across senders.";
  public static final String HEADERS_ONLY =
      "DMARC and spam are judged only by headers the receiving server adds"
          + " (Authentication-Results, X-Spam-Flag, X-Spam-Status).";
  public static final String NO_SENDER_TIME =
      "{{nextOpeningSenderTime}} is left out: Sieve cannot shift a time to the sender's offset.";
  public static final String FIELDS_BY_NAME =
      "List mail is known by the eight standard List-* fields only, and {{sender.name}} by what"
          + " :matches can split from the From field.";
  public static final String OPEN_HOURS =
      "With reply.during-open-hours, the acknowledgement promises the respond-by time of mail"
          + " arriving at the end of that open window.";

  /** Every item, in the order they are shown. */
  public static final List<String> CANNOT_EXPRESS =
      List.of(
          TIMES_FIXED,
          NO_HTML,
          PER_SENDER,
          NO_HOURLY_LIMIT,
          HEADERS_ONLY,
          NO_SENDER_TIME,
          FIELDS_BY_NAME,
          OPEN_HOURS);

  private SieveLimits() {}
}
