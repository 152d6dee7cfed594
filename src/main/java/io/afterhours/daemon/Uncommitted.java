package io.afterhours.daemon;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import io.afterhours.pass.Redirect;
import io.afterhours.reply.OutgoingReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a folder pass has settled and not yet written: decisions, replies SMTP accepted, pending
 * replies certainly not sent; the UIDs that become done once it is written; and the replies to copy
 * to Sent once their "sent" is written.
 */
final class Uncommitted {
  private List<DecisionRecord> decisions = new ArrayList<>();
  private List<Outcomes.SentReply> sent = new ArrayList<>();
  private List<PendingReply> notSent = new ArrayList<>();
  private List<Long> doneUids = new ArrayList<>();
  private List<OutgoingReply> copies = new ArrayList<>();
  private List<Redirect> redirectCopies = new ArrayList<>();

  /**
   * A decision about a message.
   *
   * @param decision null for a dry run, which writes nothing
   * @param doneUid the message's UID, done once written; -1 when it stays undecided (retried)
   */
  void decided(DecisionRecord decision, long doneUid) {
    if (decision != null) {
      decisions.add(decision);
    }
    if (doneUid >= 0) {
      doneUids.add(doneUid);
    }
  }

  void sent(PendingReply reply, Instant at, DecisionRecord decision, long doneUid) {
    sent.add(new Outcomes.SentReply(reply, at));
    decided(decision, doneUid);
  }

  void notSent(PendingReply reply, DecisionRecord decision, long doneUid) {
    notSent.add(reply);
    decided(decision, doneUid);
  }

  void copy(OutgoingReply reply) {
    copies.add(reply);
  }

  void copy(Redirect redirect) {
    redirectCopies.add(redirect);
  }

  /** Everything held so far, handed over for writing; this one starts empty again. */
  Uncommitted taken() {
    Uncommitted taken = new Uncommitted();
    taken.decisions = decisions;
    taken.sent = sent;
    taken.notSent = notSent;
    taken.doneUids = doneUids;
    taken.copies = copies;
    taken.redirectCopies = redirectCopies;
    decisions = new ArrayList<>();
    sent = new ArrayList<>();
    notSent = new ArrayList<>();
    doneUids = new ArrayList<>();
    copies = new ArrayList<>();
    redirectCopies = new ArrayList<>();
    return taken;
  }

  boolean isEmpty() {
    return decisions.isEmpty() && sent.isEmpty() && notSent.isEmpty();
  }

  Outcomes outcomes() {
    return new Outcomes(decisions, sent, notSent);
  }

  List<Long> doneUids() {
    return doneUids;
  }

  List<OutgoingReply> copies() {
    return copies;
  }

  List<Redirect> redirectCopies() {
    return redirectCopies;
  }
}
