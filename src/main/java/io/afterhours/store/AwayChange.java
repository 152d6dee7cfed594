package io.afterhours.store;

import io.afterhours.schedule.AwayPeriod;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of the away switch, as {@code history} and the status page show it.
 *
 * @param by who made it: {@code page} or {@code command}
 * @param period the period as the change left it (an ended one ends at {@link #at})
 */
public record AwayChange(
    Instant at,
    String by,
    Action action,
    long periodId,
    Optional<String> mailbox,
    AwayPeriod period) {

  /** What was done; {@link #code()} is the word stored and shown. */
  public enum Action {
    /** A period was set (it may start now or later). */
    SET,
    /** A current period was ended early. */
    ENDED,
    /** A period that had not started yet was taken back. */
    CANCELLED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Action ofCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public AwayChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(period, "period");
  }
}
