package io.afterhours.pass;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision about one message, as shown by {@code afterhours history} (DESIGN §2, {@code history
 * --json}: the fields and their names are that contract).
 *
 * @param at when the decision was taken; kept to the millisecond
 * @param mailbox the configured mailbox name
 * @param folder the IMAP folder the message was found in
 * @param uid the message's UID in that folder
 * @param messageId the original's Message-ID, or the key synthesized for a message without one
 * @param from the sender address the policy looked at, empty when none was found
 * @param decision reply, skip or failed
 * @param reason a {@code SkipReason} code such as {@code LIST_MAIL}, the template for a reply, or a
 *     short error summary
 * @param detail what triggered a skip, e.g. {@code List-Id: <dev.example.org>}; empty when none
 * @param replyTo where the reply went, for a reply
 * @param replyMessageId the Message-ID of the reply, for a reply
 * @param retried true for a failure that is tried again on a later pass (a 4xx, a server that could
 *     not be reached); false for every final decision, a failure that is not retried included
 */
public record DecisionRecord(
    Instant at,
    String mailbox,
    String folder,
    long uid,
    String messageId,
    String from,
    Outcome decision,
    String reason,
    String detail,
    Optional<String> replyTo,
    Optional<String> replyMessageId,
    boolean retried) {

  /** What was done with the message; {@link #code()} is the word used in JSON. */
  public enum Outcome {
    REPLY,
    SKIP,
    FAILED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome ofCode(String code) {
      return Arrays.stream(values())
          .filter(outcome -> outcome.code().equals(code))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Unknown decision " + code));
    }
  }

  public DecisionRecord {
    at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(replyTo, "replyTo");
    Objects.requireNonNull(replyMessageId, "replyMessageId");
    if (retried && decision != Outcome.FAILED) {
      throw new IllegalArgumentException("only a failure is retried, not a " + decision.code());
    }
  }

  /** A final decision: a reply, a skip, or a failure that is not tried again. */
  public DecisionRecord(
      Instant at,
      String mailbox,
      String folder,
      long uid,
      String messageId,
      String from,
      Outcome decision,
      String reason,
      String detail,
      Optional<String> replyTo,
      Optional<String> replyMessageId) {
    this(
        at,
        mailbox,
        folder,
        uid,
        messageId,
        from,
        decision,
        reason,
        detail,
        replyTo,
        replyMessageId,
        false);
  }
}
