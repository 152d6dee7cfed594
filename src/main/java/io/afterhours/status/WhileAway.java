package io.afterhours.status;

import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.store.SenderCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * "While you were away": what happened to the mail of a span of time (a leave, a weekend), by
 * sender: who got a reply, who was skipped and why, who could not be answered.
 *
 * @param senders the senders, those who wrote most first
 */
public record WhileAway(
    Instant from, Instant until, Optional<String> mailbox, List<Sender> senders) {
  public WhileAway {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(mailbox, "mailbox");
    senders = List.copyOf(senders);
  }

  /**
   * One sender's decisions.
   *
   * @param sender the address; empty when the message had none
   * @param reasons the decisions by kind and reason, with their counts and first and last times
   */
  public record Sender(String sender, List<SenderCount> reasons) {
    public Sender {
      Objects.requireNonNull(sender, "sender");
      reasons = List.copyOf(reasons);
    }

    public int count(Outcome decision) {
      return reasons.stream()
          .filter(r -> r.decision() == decision)
          .mapToInt(SenderCount::count)
          .sum();
    }

    public int messages() {
      return reasons.stream().mapToInt(SenderCount::count).sum();
    }

    public Instant first() {
      return reasons.stream().map(SenderCount::first).min(Comparator.naturalOrder()).orElseThrow();
    }

    public Instant last() {
      return reasons.stream().map(SenderCount::last).max(Comparator.naturalOrder()).orElseThrow();
    }
  }

  /** Groups the counts the store made by sender. */
  public static WhileAway of(
      Instant from, Instant until, Optional<String> mailbox, List<SenderCount> counts) {
    Map<String, List<SenderCount>> bySender = new LinkedHashMap<>();
    for (SenderCount c : counts) {
      bySender.computeIfAbsent(c.sender(), s -> new ArrayList<>()).add(c);
    }
    List<Sender> senders = new ArrayList<>();
    bySender.forEach(
        (sender, reasons) -> {
          List<SenderCount> sorted = new ArrayList<>(reasons);
          sorted.sort(
              Comparator.comparing(SenderCount::decision)
                  .thenComparing(SenderCount::count, Comparator.reverseOrder())
                  .thenComparing(SenderCount::reason));
          senders.add(new Sender(sender, sorted));
        });
    senders.sort(
        Comparator.comparing(Sender::messages, Comparator.reverseOrder())
            .thenComparing(Sender::sender));
    return new WhileAway(from, until, mailbox, senders);
  }

  /** How many decisions of this kind, over every sender. */
  public int total(Outcome decision) {
    return senders.stream().mapToInt(s -> s.count(decision)).sum();
  }
}
