package io.afterhours.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rules that compare the message's addresses with our own (the owner's address and aliases). */
final class OwnAddressRules {
  private OwnAddressRules() {}

  /**
   * Never answer ourselves: mail we sent (a copy, a forward, a loop through a list) names one of
   * our addresses in Return-Path, Sender or From.
   */
  static Optional<Decision.Skip> ownAddress(Candidate c) {
    MessageFacts facts = c.facts();
    List<Origin> origins = new ArrayList<>();
    facts.returnPath().ifPresent(a -> origins.add(new Origin("Return-Path", a)));
    facts.sender().ifPresent(a -> origins.add(new Origin("Sender", a)));
    facts.from().forEach(a -> origins.add(new Origin("From", a)));
    return origins.stream()
        .filter(o -> c.mailbox().isOurs(o.address().address()))
        .findFirst()
        .map(
            o ->
                Decision.Skip.because(
                    SkipReason.OWN_ADDRESS, SkipDetail.header(o.header(), o.address().address())));
  }

  /**
   * RFC 3834 §2: a personal responder answers only mail addressed to the owner explicitly (To, Cc,
   * Bcc or their Resent- forms), not mail that reached the mailbox through a list or a forward.
   */
  static Optional<Decision.Skip> notAddressedToUs(Candidate c) {
    boolean addressedToUs =
        c.facts().recipients().stream().anyMatch(r -> c.mailbox().isOurs(r.address()));
    if (addressedToUs) {
      return Optional.empty();
    }
    return Optional.of(
        Decision.Skip.because(
            SkipReason.NOT_ADDRESSED_TO_US,
            "none of our addresses among " + c.facts().recipients().size() + " recipients"));
  }

  private record Origin(String header, MailAddress address) {}
}
