package io.afterhours.pass;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a pass has settled since its last commit, written in one commit with its next step: the
 * decisions taken, the replies SMTP accepted, and the pending replies that were certainly not sent.
 * Forwards to stand-ins are {@code planned} in the same commit as their reply's pending row, so
 * that a reply settled after a crash is still followed by its forwards. A crash before that commit
 * loses none of them for good: a reply accepted but not yet marked sent is the one reply in doubt,
 * and a decision not yet written is simply taken again.
 */
public record Outcomes(
    List<DecisionRecord> decisions,
    List<SentReply> sent,
    List<PendingReply> notSent,
    List<PendingReply> planned) {
  public static final Outcomes NONE = new Outcomes(List.of(), List.of(), List.of(), List.of());

  /** A reply the SMTP server accepted at {@code at}. */
  public record SentReply(PendingReply reply, Instant at) {
    public SentReply {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(at, "at");
    }
  }

  public Outcomes {
    decisions = List.copyOf(decisions);
    sent = List.copyOf(sent);
    notSent = List.copyOf(notSent);
    planned = List.copyOf(planned);
  }

  /**
   * @param notSent pending replies certainly not sent (with the forwards planned after them), and
   *     forwards given up
   */
  public Outcomes(
      List<DecisionRecord> decisions, List<SentReply> sent, List<PendingReply> notSent) {
    this(decisions, sent, notSent, List.of());
  }

  public static Outcomes of(DecisionRecord decision) {
    return new Outcomes(List.of(decision), List.of(), List.of());
  }

  public boolean isEmpty() {
    return decisions.isEmpty() && sent.isEmpty() && notSent.isEmpty() && planned.isEmpty();
  }
}
