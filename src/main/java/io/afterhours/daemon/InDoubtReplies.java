package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.Lease;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.PendingReply;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a reply that is in doubt: recorded as pending, and then the process died, or the SMTP
 * connection broke after the whole reply was handed over (DESIGN §6). The per-reply protocol leaves
 * at most one such reply per crash, and the Sent folder decides it:
 *
 * <ul>
 *   <li>found in Sent: it was sent;
 *   <li>Sent is kept but the copy is not there: it is forgotten, and the message answered again (at
 *       most one double per crash: the reply may have reached SMTP just before the crash);
 *   <li>no Sent folder to look in: it is taken as sent and logged by name (at most one lost per
 *       crash), since a lost reply is better than a double one.
 * </ul>
 */
final class InDoubtReplies {
  private static final Logger LOG = LoggerFactory.getLogger(InDoubtReplies.class);

  private final MailboxSettings mailbox;
  private final MessageSource source;
  private final Ledger ledger;
  private final Clock clock;

  InDoubtReplies(MailboxSettings mailbox, MessageSource source, Ledger ledger, Clock clock) {
    this.mailbox = mailbox;
    this.source = source;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Settles the replies left pending under an earlier lease of this mailbox: its holder stopped
   * renewing it (it died), or gave it up, so nothing of it can still be on its way.
   */
  void settleLeftBefore(Lease lease) throws MailServerException {
    List<PendingReply> left =
        ledger.pendingReplies(mailbox.name()).stream()
            .filter(reply -> !reply.owner().equals(lease.owner()))
            .toList();
    for (PendingReply reply : left) {
      settle(reply, "was pending when its process stopped");
    }
  }

  /** Settles one reply in doubt; {@code why} says how it came to be, for the log. */
  void settle(PendingReply reply, String why) throws MailServerException {
    Optional<String> sent = mailbox.saveToSent() ? source.sentFolder() : Optional.empty();
    String what =
        "reply "
            + reply.replyMessageId()
            + " to "
            + reply.recipient()
            + " (answering "
            + reply.originalMessageId()
            + ") "
            + why;
    if (sent.isEmpty()) {
      LOG.warn(
          "mailbox={} {}; there is no Sent folder to look in, so it is taken as sent: if it never"
              + " left, {} gets no reply to that message",
          mailbox.name(),
          what,
          reply.recipient());
      ledger.recordSent(
          reply, clock.instant(), decision(reply, Outcome.REPLY, "taken as sent, no Sent folder"));
    } else if (source.holdsMessageId(sent.get(), reply.replyMessageId())) {
      LOG.info("mailbox={} {}; it is in {}: it was sent", mailbox.name(), what, sent.get());
      ledger.recordSent(reply, clock.instant(), decision(reply, Outcome.REPLY, "found in Sent"));
    } else {
      LOG.warn(
          "mailbox={} {}; it is not in {}: the message is answered again (the reply may have"
              + " reached the server before, so {} may get it twice)",
          mailbox.name(),
          what,
          sent.get(),
          reply.recipient());
      ledger.recordNotSent(reply, decision(reply, Outcome.FAILED, "not found in Sent, sent again"));
    }
  }

  private DecisionRecord decision(PendingReply reply, Outcome outcome, String detail) {
    boolean sent = outcome == Outcome.REPLY;
    return new DecisionRecord(
        clock.instant(),
        reply.mailbox(),
        reply.folder(),
        reply.uid(),
        reply.originalMessageId(),
        reply.sender(),
        outcome,
        "reply in doubt",
        detail,
        sent ? Optional.of(reply.recipient()) : Optional.empty(),
        sent ? Optional.of(reply.replyMessageId()) : Optional.empty(),
        !sent);
  }
}
