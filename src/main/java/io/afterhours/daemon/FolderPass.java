package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.mail.FetchedMessage;
import io.afterhours.mail.ImapMailbox;
import io.afterhours.mail.SendResult;
import io.afterhours.mail.SmtpReplySender;
import io.afterhours.policy.Decision;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.SkipReason;
import io.afterhours.reply.OutgoingReply;
import io.afterhours.responder.Responder;
import io.afterhours.store.DecisionRecord;
import io.afterhours.store.DecisionRecord.Outcome;
import io.afterhours.store.PendingReply;
import io.afterhours.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One folder's share of a pass: decide every new message, send the replies over one SMTP
 * connection, and work out how far the cursor may move. The cursor passes a message only when it is
 * dealt with: skipped, answered, or found already settled. A failed send holds it back, so the
 * message is tried again on a later pass.
 *
 * <p>At most one reply per message (DESIGN §6): the reply is recorded as pending, keyed by the
 * original's Message-ID, before SMTP; only then is it sent and marked sent.
 */
final class FolderPass {
  private static final Logger LOG = LoggerFactory.getLogger(FolderPass.class);

  private record Outgoing(FetchedMessage message, String key, OutgoingReply reply) {}

  private final MailboxSettings mailbox;
  private final String folder;
  private final Responder responder;
  private final Store store;
  private final ImapMailbox imap;
  private final SmtpReplySender smtp;
  private final Instant now;
  private final boolean dryRun;
  private final AtomicBoolean stopping;
  private final Metrics metrics;
  private final Map<Long, Boolean> done = new TreeMap<>();
  private int replied;
  private int skipped;
  private int failed;
  private int rejected;
  private boolean warnedOfHourlyLimit;

  FolderPass(
      MailboxSettings mailbox,
      String folder,
      Responder responder,
      Store store,
      ImapMailbox imap,
      SmtpReplySender smtp,
      Instant now,
      boolean dryRun,
      AtomicBoolean stopping,
      Metrics metrics) {
    this.mailbox = mailbox;
    this.folder = folder;
    this.responder = responder;
    this.store = store;
    this.imap = imap;
    this.smtp = smtp;
    this.now = now;
    this.dryRun = dryRun;
    this.stopping = stopping;
    this.metrics = metrics;
  }

  /** Deals with {@code messages} (in UID order); returns the UID the cursor may move to. */
  long run(List<FetchedMessage> messages, long lastUid) {
    List<Outgoing> outgoing = new ArrayList<>();
    for (FetchedMessage message : messages) {
      if (stopping.get()) {
        LOG.info(
            "mailbox={} folder={} stopping after uid {}",
            mailbox.name(),
            folder,
            lastDone(lastUid));
        break;
      }
      decide(message).ifPresent(outgoing::add);
    }
    if (!outgoing.isEmpty()) {
      send(outgoing);
    }
    return lastDone(lastUid);
  }

  PassSummary summary() {
    return new PassSummary(done.size(), replied, skipped, failed, rejected);
  }

  private Optional<Outgoing> decide(FetchedMessage message) {
    MessageFacts facts = message.facts();
    String key = messageKey(message);
    if (!dryRun && store.decisions().isSettled(mailbox.name(), folder, message.uid(), key)) {
      done.put(message.uid(), true);
      return Optional.empty();
    }
    try {
      Decision decision = responder.decide(facts, now);
      if (decision instanceof Decision.Skip skip) {
        skip(message, key, skip.reason(), skip.detail());
        return Optional.empty();
      }
      Decision.Reply reply = (Decision.Reply) decision;
      OutgoingReply composed = responder.compose(facts, reply, now);
      if (dryRun) {
        logDecision(
            message,
            key,
            "reply",
            "dry run: would send "
                + composed.template()
                + "."
                + composed.language()
                + " to "
                + composed.to().address());
        replied++;
        done.put(message.uid(), true);
        return Optional.empty();
      }
      PendingReply pending =
          new PendingReply(
              mailbox.name(),
              key,
              reply.recipient().normalized(),
              composed.to().address(),
              composed.messageId(),
              now);
      if (!store.replies().recordPending(pending)) {
        skip(message, key, SkipReason.ALREADY_ANSWERED, "a reply is already recorded");
        return Optional.empty();
      }
      done.put(message.uid(), false);
      return Optional.of(new Outgoing(message, key, composed));
    } catch (RuntimeException e) {
      // One bad message never stops the pass: it is recorded as failed and tried again later.
      fail(message, key, Optional.empty(), "cannot decide or compose: " + e.getMessage(), true);
      LOG.debug("mailbox={} uid={} failure", mailbox.name(), message.uid(), e);
      return Optional.empty();
    }
  }

  private void send(List<Outgoing> outgoing) {
    List<SendResult> results = smtp.send(outgoing.stream().map(Outgoing::reply).toList());
    for (int i = 0; i < outgoing.size(); i++) {
      Outgoing o = outgoing.get(i);
      SendResult result = results.get(i);
      if (result instanceof SendResult.Sent) {
        store.replies().markSent(o.reply().messageId(), now);
        record(
            o.message(),
            o.key(),
            Outcome.REPLY,
            o.reply().template() + "." + o.reply().language(),
            "",
            Optional.of(o.reply()));
        logDecision(
            o.message(),
            o.key(),
            "reply",
            "sent "
                + o.reply().template()
                + "."
                + o.reply().language()
                + " to "
                + o.reply().to().address());
        replied++;
        metrics.decision(mailbox.name(), "reply", o.reply().template());
        done.put(o.message().uid(), true);
        copyToSent(o.reply());
      } else {
        SendResult.Failed failure = (SendResult.Failed) result;
        store.replies().discardPending(o.reply().messageId());
        if (failure.permanent()) {
          // The server refused the reply for good (e.g. 550 user unknown): trying again every
          // pass would only fill the log and hold the cursor back, so the message is done. It
          // says nothing of the servers' health: the mailbox stays up.
          fail(
              o.message(),
              o.key(),
              Optional.of(o.reply()),
              "rejected by the SMTP server, not retried: " + failure.reason(),
              false);
        } else {
          fail(o.message(), o.key(), Optional.of(o.reply()), failure.reason(), true);
        }
      }
    }
  }

  private void copyToSent(OutgoingReply reply) {
    if (!mailbox.saveToSent()) {
      return;
    }
    try {
      imap.appendToSent(smtp.messageBuilder().build(reply));
    } catch (Exception e) {
      // The reply is out; a missing copy in Sent must not make us send it again.
      LOG.warn(
          "mailbox={} reply {} was sent but could not be copied to Sent: {}",
          mailbox.name(),
          reply.messageId(),
          e.getMessage());
    }
  }

  private void skip(FetchedMessage message, String key, SkipReason reason, String detail) {
    if (reason == SkipReason.HOURLY_LIMIT && !warnedOfHourlyLimit) {
      warnedOfHourlyLimit = true;
      LOG.warn(
          "mailbox={} folder={} reply.max-per-hour reached ({}): mail that arrives now goes"
              + " unanswered until the hour has passed; see history for who was skipped",
          mailbox.name(),
          folder,
          detail);
    }
    String text = detail.isEmpty() ? reason.code() : reason.code() + ": " + detail;
    logDecision(message, key, "skip", text);
    if (!dryRun) {
      record(message, key, Outcome.SKIP, reason.code(), detail, Optional.empty());
    }
    skipped++;
    metrics.decision(mailbox.name(), "skip", reason.code());
    done.put(message.uid(), true);
  }

  /**
   * Records a failure. A retried one holds the cursor before the message, so a later pass tries
   * again; one that is not retried (a reply refused for good) is done, and counted as rejected.
   */
  private void fail(
      FetchedMessage message,
      String key,
      Optional<OutgoingReply> reply,
      String reason,
      boolean retried) {
    LOG.warn(
        "mailbox={} folder={} uid={} message={} from={} decision=failed reason={}",
        mailbox.name(),
        folder,
        message.uid(),
        key,
        sender(message.facts()),
        reason);
    if (!dryRun) {
      record(message, key, Outcome.FAILED, reason, "", reply);
    }
    if (retried) {
      failed++;
    } else {
      rejected++;
    }
    metrics.decision(
        mailbox.name(), "failed", !retried ? "rejected" : reply.isPresent() ? "send" : "decide");
    done.put(message.uid(), !retried);
  }

  private void record(
      FetchedMessage message,
      String key,
      Outcome outcome,
      String reason,
      String detail,
      Optional<OutgoingReply> reply) {
    store
        .decisions()
        .record(
            new DecisionRecord(
                now,
                mailbox.name(),
                folder,
                message.uid(),
                key,
                sender(message.facts()),
                outcome,
                reason,
                detail,
                reply.map(r -> r.to().address()),
                reply.map(OutgoingReply::messageId)));
  }

  private void logDecision(FetchedMessage message, String key, String decision, String reason) {
    LOG.info(
        "mailbox={} folder={} uid={} message={} from={} decision={} reason={}",
        mailbox.name(),
        folder,
        message.uid(),
        key,
        sender(message.facts()),
        decision,
        reason);
  }

  private long lastDone(long lastUid) {
    long last = lastUid;
    for (Map.Entry<Long, Boolean> entry : done.entrySet()) {
      if (!entry.getValue()) {
        break;
      }
      last = entry.getKey();
    }
    return last;
  }

  private static String sender(MessageFacts facts) {
    return facts.from().stream()
        .findFirst()
        .or(facts::sender)
        .or(facts::returnPath)
        .map(MailAddress::address)
        .orElse("");
  }

  private String messageKey(FetchedMessage message) {
    return MessageKeys.of(message.facts(), mailbox.name());
  }
}
