package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.Lease;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import io.afterhours.pass.Redirect;
import io.afterhours.pass.ReplySender;
import io.afterhours.pass.SendResult;
import io.afterhours.policy.MailAddress;
import java.time.Clock;
import java.time.Instant;
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
  private final ReplySender sender;
  private final Ledger ledger;
  private final Clock clock;

  InDoubtReplies(
      MailboxSettings mailbox,
      MessageSource source,
      ReplySender sender,
      Ledger ledger,
      Clock clock) {
    this.mailbox = mailbox;
    this.source = source;
    this.sender = sender;
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

  /**
   * Sends the forwards this process left pending when their SMTP server refused them for now or
   * could not be reached (a reply is never left so: it is forgotten and its message retried).
   */
  void settleForwardsLeftBy(Lease lease) throws MailServerException {
    List<PendingReply> left =
        ledger.pendingReplies(mailbox.name()).stream()
            .filter(p -> p.owner().equals(lease.owner()) && p.kind() == PendingReply.Kind.FORWARD)
            .toList();
    for (PendingReply forward : left) {
      resend(forward);
    }
    // Planned with a reply that went out (or is taken as sent), never tried: a crash, or a
    // server that failed, came between.
    for (PendingReply planned : ledger.plannedForwards(mailbox.name())) {
      if (ledger.pendingReplies(mailbox.name()).stream()
          .anyMatch(p -> p.originalMessageId().equals(planned.forwardOf()))) {
        continue; // its reply is still undecided
      }
      PendingReply mine =
          PendingReply.forward(
              planned.mailbox(),
              planned.forwardOf(),
              planned.folder(),
              planned.uid(),
              planned.recipient(),
              planned.replyMessageId(),
              lease.owner(),
              planned.createdAt());
      // Pending first, as for every send: a crash from here leaves it in doubt, not planned.
      if (ledger.recordPending(mine) == Ledger.Claim.CLAIMED) {
        resend(mine);
      }
    }
  }

  /** Settles one reply in doubt; {@code why} says how it came to be, for the log. */
  void settle(PendingReply reply, String why) throws MailServerException {
    Optional<String> sent = mailbox.saveToSent() ? source.sentFolder() : Optional.empty();
    String what =
        (reply.kind() == PendingReply.Kind.FORWARD ? "forward " : "reply ")
            + reply.replyMessageId()
            + " to "
            + reply.recipient()
            + " (answering "
            + reply.originalMessageId()
            + ") "
            + why;
    if (sent.isEmpty()) {
      if (reply.kind() == PendingReply.Kind.FORWARD) {
        LOG.warn(
            "mailbox={} {}; there is no Sent folder to look in, so it is taken as sent",
            mailbox.name(),
            what);
        ledger.record(
            new Outcomes(
                List.of(), List.of(new Outcomes.SentReply(reply, clock.instant())), List.of()));
        return;
      }
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
      ledger.record(
          new Outcomes(
              reply.kind() == PendingReply.Kind.REPLY
                  ? List.of(decision(reply, Outcome.REPLY, "found in Sent"))
                  : List.of(),
              List.of(new Outcomes.SentReply(reply, clock.instant())),
              List.of()));
    } else if (reply.kind() == PendingReply.Kind.FORWARD) {
      LOG.warn(
          "mailbox={} {}; it is not in {}: it is sent again (it may have reached the server"
              + " before, so {} may get it twice)",
          mailbox.name(),
          what,
          sent.get(),
          reply.recipient());
      resend(reply);
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

  /**
   * Redirects the original once more, under the same Resent-Message-ID: a forward cannot be decided
   * afresh like a reply (its message is decided already), so it is sent from here.
   */
  private void resend(PendingReply forward) throws MailServerException {
    Instant giveUp = forward.createdAt().plus(mailbox.office().reply().policy().maxAge());
    if (giveUp.isBefore(clock.instant())) {
      LOG.warn(
          "mailbox={} forward {} to {} given up: not sent within max-age",
          mailbox.name(),
          forward.replyMessageId(),
          forward.recipient());
      ledger.record(new Outcomes(List.of(), List.of(), List.of(forward)));
      return;
    }
    Redirect redirect =
        new Redirect(
            mailbox.name(),
            mailbox.owner(),
            MailAddress.of(forward.recipient()),
            forward.replyMessageId(),
            clock.instant(),
            source.fetchRaw(forward.folder(), forward.uid()));
    SendResult result = sender.redirect(redirect);
    if (result instanceof SendResult.Sent) {
      ledger.record(
          new Outcomes(
              List.of(), List.of(new Outcomes.SentReply(forward, clock.instant())), List.of()));
      LOG.info(
          "mailbox={} {} sent again to {}",
          mailbox.name(),
          forward.originalMessageId(),
          forward.recipient());
      copyToSent(redirect);
    } else if (result instanceof SendResult.Rejected rejected) {
      LOG.warn(
          "mailbox={} forward {} to {} refused for good: {}",
          mailbox.name(),
          forward.replyMessageId(),
          forward.recipient(),
          rejected.reason());
      ledger.record(new Outcomes(List.of(), List.of(), List.of(forward)));
    } else {
      throw new MailServerException(
          "forward " + forward.replyMessageId() + " to " + forward.recipient() + " not sent yet");
    }
  }

  private void copyToSent(Redirect redirect) {
    if (!mailbox.saveToSent()) {
      return;
    }
    try {
      source.copyToSent(redirect);
    } catch (MailServerException e) {
      LOG.warn(
          "mailbox={} forward {} not copied to Sent: {}",
          mailbox.name(),
          redirect.resentMessageId(),
          e.getMessage());
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
