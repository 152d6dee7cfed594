package io.afterhours.store;

import io.afterhours.schedule.AwayPeriod;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An away period kept in the store (the away switch), as opposed to one in the config file.
 *
 * @param id its number in the store, as {@code away --list} shows it
 * @param mailbox the mailbox it applies to; empty for every mailbox
 * @param period when, with the template and the note
 * @param createdBy who set it: {@code page} or {@code command}
 */
public record KeptAway(
    long id, Optional<String> mailbox, AwayPeriod period, Instant createdAt, String createdBy) {
  public KeptAway {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  /** True when it applies to {@code name}: it is that mailbox's, or every mailbox's. */
  public boolean appliesTo(String name) {
    return mailbox.isEmpty() || mailbox.get().equals(name);
  }
}
