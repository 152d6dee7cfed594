package io.afterhours.daemon;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The store in memory, for the crash model of the pass: every method is one commit, with a step of
 * the {@link CrashSwitch} before it (the commit never happens) and after it (it happened, and then
 * the process died). What it holds survives a "restart", as a database does.
 */
final class InMemoryLedger implements Ledger {
  /** One row of the reply log. */
  record Row(PendingReply reply, boolean sent, boolean planned) {
    Row(PendingReply reply, boolean sent) {
      this(reply, sent, false);
    }
  }

  private final CrashSwitch crash;
  private final InMemoryLeases leases;
  private final Map<String, FolderCursor> cursors = new HashMap<>();
  private final Map<String, Row> replies = new LinkedHashMap<>();
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private final List<String> forgotten = new ArrayList<>();

  InMemoryLedger(CrashSwitch crash, InMemoryLeases leases) {
    this.crash = crash;
    this.leases = leases;
  }

  synchronized List<DecisionRecord> decisions() {
    return List.copyOf(decisions);
  }

  synchronized Map<String, Row> replies() {
    return Map.copyOf(replies);
  }

  @Override
  public synchronized Optional<FolderCursor> cursor(String mailbox, String folder) {
    return Optional.ofNullable(cursors.get(mailbox + "/" + folder));
  }

  @Override
  public void saveBaseline(String mailbox, String folder, long uidValidity, long lastUid) {
    saveCursor(mailbox, folder, uidValidity, lastUid);
  }

  @Override
  public void saveCursor(String mailbox, String folder, long uidValidity, long lastUid) {
    commit(
        "saveCursor",
        () ->
            cursors.put(
                mailbox + "/" + folder, new FolderCursor(uidValidity, lastUid, Instant.EPOCH)));
  }

  @Override
  public synchronized Map<Long, String> decidedBetween(
      String mailbox, String folder, long afterUid, long upToUid) {
    Map<Long, String> decided = new HashMap<>();
    for (DecisionRecord d : decisions) {
      if (d.mailbox().equals(mailbox)
          && d.folder().equals(folder)
          && d.uid() > afterUid
          && d.uid() <= upToUid
          && !d.retried()) {
        decided.put(d.uid(), d.messageId());
      }
    }
    return decided;
  }

  @Override
  public void record(Outcomes outcomes) {
    commit("record", () -> apply(outcomes));
  }

  @Override
  public Claim recordPending(PendingReply reply, Outcomes before) {
    crash.step("recordPending:before");
    Claim claim;
    synchronized (this) {
      apply(before);
      String key = reply.mailbox() + "/" + reply.originalMessageId();
      Row existing = replies.get(key);
      if (!leases.isHeldBy(reply.mailbox(), reply.owner())) {
        claim = Claim.LEASE_LOST;
      } else if (existing != null && existing.planned()) {
        replies.put(key, new Row(reply, false));
        claim = Claim.CLAIMED;
      } else if (existing != null) {
        claim = Claim.ALREADY_ANSWERED;
      } else {
        replies.put(key, new Row(reply, false));
        claim = Claim.CLAIMED;
      }
    }
    crash.step("recordPending:after");
    return claim;
  }

  private void apply(Outcomes outcomes) {
    for (Outcomes.SentReply sent : outcomes.sent()) {
      PendingReply reply = sent.reply();
      replies.put(reply.mailbox() + "/" + reply.originalMessageId(), new Row(reply, true));
    }
    for (PendingReply notSent : outcomes.notSent()) {
      replies.remove(notSent.mailbox() + "/" + notSent.originalMessageId());
      if (notSent.kind() == PendingReply.Kind.REPLY) {
        replies
            .values()
            .removeIf(
                r ->
                    r.planned()
                        && r.reply().kind() == PendingReply.Kind.FORWARD
                        && r.reply().forwardOf().equals(notSent.originalMessageId()));
      }
    }
    for (PendingReply planned : outcomes.planned()) {
      replies.putIfAbsent(
          planned.mailbox() + "/" + planned.originalMessageId(), new Row(planned, false, true));
    }
    decisions.addAll(outcomes.decisions());
  }

  @Override
  public synchronized List<PendingReply> pendingReplies(String mailbox) {
    return replies.values().stream()
        .filter(r -> !r.sent() && !r.planned() && r.reply().mailbox().equals(mailbox))
        .map(Row::reply)
        .toList();
  }

  @Override
  public synchronized List<PendingReply> plannedForwards(String mailbox) {
    return replies.values().stream()
        .filter(r -> r.planned() && r.reply().mailbox().equals(mailbox))
        .map(Row::reply)
        .toList();
  }

  @Override
  public synchronized int forgetOlderThan(String mailbox, Instant olderThan) {
    forgotten.add(mailbox + " before " + olderThan);
    return 0;
  }

  /** What the passes asked to forget, as "mailbox before instant". */
  synchronized List<String> forgotten() {
    return List.copyOf(forgotten);
  }

  @Override
  public synchronized Optional<Instant> lastReplyTo(String mailbox, String senderAddress) {
    return replies.values().stream()
        .map(Row::reply)
        .filter(
            r ->
                r.kind() == PendingReply.Kind.REPLY
                    && r.mailbox().equals(mailbox)
                    && r.sender().equals(senderAddress.toLowerCase(Locale.ROOT)))
        .map(PendingReply::createdAt)
        .max(Instant::compareTo);
  }

  @Override
  public synchronized boolean hasReplyFor(String mailbox, String originalMessageId) {
    return replies.containsKey(mailbox + "/" + originalMessageId);
  }

  @Override
  public synchronized boolean isOurReply(String messageId) {
    return replies.values().stream().anyMatch(r -> r.reply().replyMessageId().equals(messageId));
  }

  @Override
  public synchronized int repliesSince(String mailbox, Instant since) {
    return (int)
        replies.values().stream()
            .map(Row::reply)
            .filter(
                r ->
                    r.kind() == PendingReply.Kind.REPLY
                        && r.mailbox().equals(mailbox)
                        && !r.createdAt().isBefore(since))
            .count();
  }

  private void commit(String name, Runnable change) {
    crash.step(name + ":before");
    synchronized (this) {
      change.run();
    }
    crash.step(name + ":after");
  }
}
