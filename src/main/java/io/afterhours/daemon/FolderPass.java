package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.FetchedMessage;
import io.afterhours.pass.Lease;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.LedgerException;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import io.afterhours.pass.Redirect;
import io.afterhours.pass.ReplySender;
import io.afterhours.pass.SendResult;
import io.afterhours.policy.Decision;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.SkipReason;
import io.afterhours.reply.OutgoingReply;
import io.afterhours.responder.Responder;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.ClosedWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One folder's share of a pass: each new message, in UID order, gets its final decision before the
 * next is looked at, and the cursor may pass only what is decided.
 *
 * <p>A reply follows the per-reply protocol (DESIGN §6), with no batch spanning its steps: record
 * pending (durable) → SMTP accepts it → record sent (durable) → copy to Sent. A crash therefore
 * leaves at most one reply of the mailbox in doubt, and every message after it is simply not yet
 * decided. The SMTP connection stays open from one reply to the next.
 *
 * <p>Every message ends with one final decision: a reply, a skip, or a failure. A failure is final
 * when trying again cannot help (an SMTP 5xx, an address no server takes, a reply that cannot be
 * built); a message refused for now (an SMTP 4xx) holds the cursor and is tried again with backoff
 * while the others go on, until the policy finds it older than max-age. A server that cannot be
 * reached ends the pass with a {@link MailServerException}: the mailbox is down, not the message.
 */
final class FolderPass {
  private static final Logger LOG = LoggerFactory.getLogger(FolderPass.class);

  private final MailboxSettings mailbox;
  private final String folder;
  private final Responder responder;
  private final Ledger ledger;
  private final MessageSource source;
  private final ReplySender sender;
  private final InDoubtReplies inDoubt;
  private final Lease lease;
  private final Instant now;
  private final Retries retries;
  private final boolean dryRun;
  private final AtomicBoolean stopping;
  private final Metrics metrics;
  private final SentCopies copies;
  private final Executor ledgerWriter;
  private final Map<Long, Boolean> done = new TreeMap<>();
  private final Uncommitted uncommitted = new Uncommitted();
  private Map<Long, String> decided = Map.of();
  private int replied;
  private int skipped;
  private int failed;
  private int rejected;
  private boolean warnedOfHourlyLimit;

  FolderPass(
      Worker worker,
      String folder,
      Optional<Lease> lease,
      Instant now,
      Retries retries,
      boolean dryRun,
      AtomicBoolean stopping) {
    this.mailbox = worker.mailbox();
    this.folder = folder;
    this.responder = worker.responder();
    this.ledger = worker.ledger();
    this.source = worker.source();
    this.sender = worker.sender();
    this.inDoubt = worker.inDoubt();
    this.metrics = worker.metrics();
    this.copies = worker.copies();
    this.ledgerWriter = worker.ledgerWriter();
    this.lease = lease.orElse(null);
    this.now = now;
    this.retries = retries;
    this.dryRun = dryRun;
    this.stopping = stopping;
    if (!dryRun && this.lease == null) {
      throw new IllegalArgumentException("a pass that sends needs the mailbox's lease");
    }
  }

  /** What a folder pass needs of its mailbox's worker. */
  record Worker(
      MailboxSettings mailbox,
      Responder responder,
      Ledger ledger,
      MessageSource source,
      ReplySender sender,
      InDoubtReplies inDoubt,
      SentCopies copies,
      Metrics metrics,
      Executor ledgerWriter) {}

  /**
   * Decides {@code messages} (in UID order), one after the other. A backlog comes in slices, a run
   * each; {@link #finish} ends the pass after the last.
   *
   * @param lastUid the folder's cursor: every UID up to it is decided
   * @throws MailServerException when the SMTP server cannot be reached; the messages decided so far
   *     are recorded, the cursor stays where the caller has it
   */
  void run(List<FetchedMessage> messages, long lastUid) throws MailServerException {
    boolean through = false;
    if (!dryRun && !messages.isEmpty()) {
      decided =
          ledger.decidedBetween(
              mailbox.name(),
              folder,
              messages.get(0).uid() - 1,
              messages.get(messages.size() - 1).uid());
    }
    try {
      for (FetchedMessage message : messages) {
        if (stopping.get() || (lease != null && !lease.held())) {
          LOG.info(
              "mailbox={} folder={} {} after uid {}",
              mailbox.name(),
              folder,
              stopping.get() ? "stopping" : "lease lost: stopping",
              lastDone(lastUid));
          break;
        }
        handle(message);
      }
      through = true;
    } catch (MailServerException | RuntimeException e) {
      // A failure of the world (a server, the store) ends the pass; what it settled is written
      // first. A crash (an Error) writes nothing more, as a killed process would not.
      commitQuietly();
      abandon();
      throw e;
    } finally {
      if (!through) {
        sender.close();
      }
    }
    commit();
  }

  /**
   * Ends a pass that failed: hangs up SMTP, and the copies of what was sent still go to Sent,
   * without waiting for them here.
   */
  void abandon() {
    sender.close();
    copies.flush();
  }

  /**
   * Ends a pass whose runs went through: hangs up SMTP if asked to (it stays connected from one
   * run, a slice of a backlog, to the next), and waits for the copies to Sent.
   */
  void finish(boolean hangUp) {
    if (hangUp) {
      sender.close();
    }
    copies.drain();
  }

  PassSummary summary() {
    return new PassSummary(done.size(), replied, skipped, failed, rejected);
  }

  private void handle(FetchedMessage message) throws MailServerException {
    String key = MessageKeys.of(message.facts(), mailbox.name());
    if (key.equals(decided.get(message.uid()))) {
      done.put(message.uid(), true);
      return;
    }
    if (!retries.isDue(key)) {
      done.put(message.uid(), false); // refused for now: waits for its next attempt
      return;
    }
    Decision decision;
    OutgoingReply reply;
    try {
      decision = responder.decide(message.facts(), now);
      if (decision instanceof Decision.Skip skip) {
        skip(message, key, skip.reason(), skip.detail());
        return;
      }
      reply = responder.compose(message.facts(), (Decision.Reply) decision, now);
    } catch (LedgerException e) {
      throw e;
    } catch (RuntimeException e) {
      // A message the policy or the templates cannot handle: trying again would fail again.
      LOG.debug("mailbox={} uid={} cannot be answered", mailbox.name(), message.uid(), e);
      fail(message, key, Optional.empty(), "cannot decide or compose: " + e.getMessage(), false);
      return;
    }
    if (dryRun) {
      logDecision(message, key, "reply", "dry run: would send " + describe(reply));
      replied++;
      uncommitted.decided(null, message.uid());
      return;
    }
    Decision.Reply answer = (Decision.Reply) decision;
    List<PendingReply> forwards = new ArrayList<>();
    for (String standIn : standIns(answer)) {
      forwards.add(
          PendingReply.forward(
              mailbox.name(),
              key,
              folder,
              message.uid(),
              standIn,
              responder.newMessageId(now),
              lease.owner(),
              now));
    }
    // The original is read before the reply goes out: a server that cannot give it holds the
    // message undecided, instead of a reply sent whose forwards could not follow.
    byte[] original = forwards.isEmpty() ? null : source.fetchRaw(folder, message.uid());
    if (answer(message, key, answer.recipient(), reply, forwards)) {
      for (PendingReply forward : forwards) {
        if (!forward(message, forward, original)) {
          return;
        }
      }
    }
  }

  /** The stand-ins of the away period the message arrived in (DESIGN: forward-to). */
  private static List<String> standIns(Decision.Reply reply) {
    return reply
        .timing()
        .window()
        .flatMap(ClosedWindow::away)
        .map(AwayPeriod::forwardTo)
        .orElse(List.of());
  }

  /**
   * Redirects the original to one stand-in, with the same protocol as a reply: record pending →
   * SMTP → record sent → copy to Sent. One forward per stand-in and message, ever.
   *
   * @return false when the pass must not go on (its lease is lost)
   */
  private boolean forward(FetchedMessage message, PendingReply pending, byte[] original)
      throws MailServerException {
    String standIn = pending.recipient();
    String key = pending.forwardOf();
    Redirect redirect =
        new Redirect(
            mailbox.name(),
            mailbox.owner(),
            MailAddress.of(standIn),
            pending.replyMessageId(),
            now,
            original);
    Uncommitted before = uncommitted.taken();
    Ledger.Claim claim = ledger.recordPending(pending, before.outcomes());
    committed(before);
    if (claim == Ledger.Claim.LEASE_LOST) {
      lease.markLost();
      return false;
    }
    if (claim == Ledger.Claim.ALREADY_ANSWERED) {
      return true; // forwarded before
    }
    SendResult result = sender.redirect(redirect);
    String to = "uid=" + message.uid() + " message=" + key + " forwarded to " + standIn;
    if (result instanceof SendResult.Sent) {
      uncommitted.sent(pending, now, null, -1);
      if (mailbox.saveToSent()) {
        uncommitted.copy(redirect);
      }
      LOG.info("mailbox={} folder={} {}", mailbox.name(), folder, to);
    } else if (result instanceof SendResult.Rejected rejected) {
      uncommitted.notSent(pending, null, -1);
      LOG.warn(
          "mailbox={} folder={} {}: refused for good, not retried: {}",
          mailbox.name(),
          folder,
          to,
          rejected.reason());
    } else if (result instanceof SendResult.InDoubt doubt) {
      commit();
      inDoubt.settle(pending, "is in doubt: " + doubt.reason());
      throw new MailServerException("SMTP connection broke during a forward: " + doubt.reason());
    } else {
      // Refused for now, or the server is gone: the forward stays pending, and the next pass
      // sends it before anything else (InDoubtReplies#settleForwardsLeftBy).
      commit();
      LOG.warn(
          "mailbox={} folder={} {}: not sent, tried again on the next pass",
          mailbox.name(),
          folder,
          to);
      throw new MailServerException("forward to " + standIn + " not sent: " + reasonOf(result));
    }
    return true;
  }

  private static String reasonOf(SendResult result) {
    if (result instanceof SendResult.Deferred d) {
      return d.reason();
    }
    return result instanceof SendResult.NotSent n ? n.reason() : result.toString();
  }

  /**
   * The per-reply protocol: pending → SMTP → sent → copy to Sent. The "sent" of one reply is
   * written in the same commit as the "pending" of the next (or at the end of the pass): one commit
   * per reply, and still never more than one reply in doubt. That commit runs beside the SMTP
   * transaction, whose final "." waits for it (see {@link PendingClaim}).
   *
   * @return true when the reply went out (and forwards, if any, may follow)
   */
  private boolean answer(
      FetchedMessage message,
      String key,
      MailAddress recipient,
      OutgoingReply reply,
      List<PendingReply> forwards)
      throws MailServerException {
    PendingReply pending =
        new PendingReply(
            mailbox.name(),
            key,
            folder,
            message.uid(),
            recipient.normalized(),
            reply.to().address(),
            reply.messageId(),
            lease.owner(),
            now);
    Uncommitted before = uncommitted.taken();
    Outcomes prior = before.outcomes();
    Outcomes written = new Outcomes(prior.decisions(), prior.sent(), prior.notSent(), forwards);
    // The pending record commits while SMTP carries the reply up to its final ".", which waits
    // for the commit: a reply that is not claimed is never handed over.
    PendingClaim claiming =
        PendingClaim.start(ledgerWriter, () -> ledger.recordPending(pending, written));
    SendResult result = sender.send(reply, claiming::claimed);
    Ledger.Claim claim = claiming.outcome();
    committed(before);
    switch (claim) {
      case ALREADY_ANSWERED:
        skip(message, key, SkipReason.ALREADY_ANSWERED, "a reply is already recorded");
        return false;
      case LEASE_LOST:
        lease.markLost();
        done.put(message.uid(), false);
        return false;
      case CLAIMED:
        break;
    }
    if (result instanceof SendResult.Sent) {
      uncommitted.sent(pending, now, record(message, key, Outcome.REPLY, reply), message.uid());
      if (mailbox.saveToSent()) {
        uncommitted.copy(reply);
      }
      retries.forget(key);
      logDecision(message, key, "reply", "sent " + describe(reply));
      replied++;
      metrics.decision(mailbox.name(), "reply", reply.template());
      return true;
    } else if (result instanceof SendResult.Rejected rejection) {
      String reason = "refused for good, not retried: " + rejection.reason();
      uncommitted.notSent(
          pending, failure(message, key, Optional.of(reply), reason, false), message.uid());
      failed(message, key, reason, false);
    } else if (result instanceof SendResult.Deferred deferral) {
      String reason = "refused for now, " + retries.deferred(key) + ": " + deferral.reason();
      uncommitted.notSent(pending, failure(message, key, Optional.of(reply), reason, true), -1);
      failed(message, key, reason, true);
    } else if (result instanceof SendResult.InDoubt doubt) {
      commit();
      inDoubt.settle(pending, "is in doubt: " + doubt.reason());
      done.put(message.uid(), false);
      throw new MailServerException("SMTP connection broke during a reply: " + doubt.reason());
    } else {
      SendResult.NotSent notSent = (SendResult.NotSent) result;
      uncommitted.notSent(
          pending, failure(message, key, Optional.of(reply), notSent.reason(), true), -1);
      failed(message, key, notSent.reason(), true);
      throw new MailServerException(notSent.reason());
    }
    return false;
  }

  /** Writes what is settled and not yet written. */
  private void commit() {
    Uncommitted taken = uncommitted.taken();
    if (!taken.isEmpty() && !dryRun) {
      ledger.record(taken.outcomes());
    }
    committed(taken);
  }

  private void commitQuietly() {
    try {
      commit();
    } catch (RuntimeException e) {
      LOG.warn(
          "mailbox={} folder={} decisions not written: {}", mailbox.name(), folder, e.getMessage());
    }
  }

  /** Once written: the messages are done, and the sent replies may be copied to Sent. */
  private void committed(Uncommitted written) {
    written.doneUids().forEach(uid -> done.put(uid, true));
    written.copies().forEach(copies::add);
    written.redirectCopies().forEach(copies::add);
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
    logDecision(message, key, "skip", detail.isEmpty() ? reason.code() : reason + ": " + detail);
    retries.forget(key);
    uncommitted.decided(
        new DecisionRecord(
            now,
            mailbox.name(),
            folder,
            message.uid(),
            key,
            sender(message.facts()),
            Outcome.SKIP,
            reason.code(),
            detail,
            Optional.empty(),
            Optional.empty()),
        message.uid());
    skipped++;
    metrics.decision(mailbox.name(), "skip", reason.code());
  }

  /** Records a failure that no reply was claimed for. */
  private void fail(
      FetchedMessage message,
      String key,
      Optional<OutgoingReply> reply,
      String reason,
      boolean retried) {
    uncommitted.decided(
        failure(message, key, reply, reason, retried), retried ? -1 : message.uid());
    failed(message, key, reason, retried);
  }

  /**
   * Counts and logs a failure. A retried one holds the cursor before the message, so a later pass
   * tries again; a final one is done.
   */
  private void failed(FetchedMessage message, String key, String reason, boolean retried) {
    LOG.warn(
        "mailbox={} folder={} uid={} message={} from={} decision=failed{} reason={}",
        mailbox.name(),
        folder,
        message.uid(),
        key,
        sender(message.facts()),
        retried ? "" : " (final)",
        reason);
    if (retried) {
      failed++;
    } else {
      rejected++;
    }
    metrics.decision(mailbox.name(), "failed", retried ? "retried" : "final");
    if (retried) {
      done.put(message.uid(), false);
    }
  }

  private DecisionRecord record(
      FetchedMessage message, String key, Outcome outcome, OutgoingReply reply) {
    return new DecisionRecord(
        now,
        mailbox.name(),
        folder,
        message.uid(),
        key,
        sender(message.facts()),
        outcome,
        reply.template() + "." + reply.language(),
        "",
        Optional.of(reply.to().address()),
        Optional.of(reply.messageId()));
  }

  private DecisionRecord failure(
      FetchedMessage message,
      String key,
      Optional<OutgoingReply> reply,
      String reason,
      boolean retried) {
    return new DecisionRecord(
        now,
        mailbox.name(),
        folder,
        message.uid(),
        key,
        sender(message.facts()),
        Outcome.FAILED,
        reason,
        "",
        reply.map(r -> r.to().address()),
        reply.map(OutgoingReply::messageId),
        retried);
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

  /** The highest UID such that it and every message before it in this pass are decided. */
  long lastDone(long lastUid) {
    long last = lastUid;
    for (Map.Entry<Long, Boolean> entry : done.entrySet()) {
      if (!entry.getValue()) {
        break;
      }
      last = entry.getKey();
    }
    return last;
  }

  private static String describe(OutgoingReply reply) {
    return reply.template() + "." + reply.language() + " to " + reply.to().address();
  }

  private static String sender(MessageFacts facts) {
    return facts.from().stream()
        .findFirst()
        .or(facts::sender)
        .or(facts::returnPath)
        .map(MailAddress::address)
        .orElse("");
  }
}
