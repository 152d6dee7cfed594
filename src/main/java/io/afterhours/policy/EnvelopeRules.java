package io.afterhours.policy;

import java.util.Optional;

/** Rules about whether there is anyone to answer at all. */
final class EnvelopeRules {
  private EnvelopeRules() {}

  /**
   * RFC 3834 §2: never answer a null sender ({@code Return-Path: <>}); it is a bounce or a robot.
   */
  static Optional<Decision.Skip> nullSender(Candidate c) {
    if (!c.facts().nullSender()) {
      return Optional.empty();
    }
    return Optional.of(Decision.Skip.because(SkipReason.NULL_SENDER, "Return-Path: <>"));
  }

  /**
   * RFC 3834 §4: the reply goes to Return-Path, else Sender, else From; with none, nobody. A field
   * that holds no valid address counts as none, and its value is shown so that the operator sees
   * what the sender wrote.
   */
  static Optional<Decision.Skip> noSender(Candidate c) {
    if (c.facts().nullSender() || c.sender().isPresent()) {
      return Optional.empty();
    }
    String detail =
        c.facts()
            .unusableSenderField()
            .map(
                u ->
                    "no valid address in "
                        + u.field()
                        + ": "
                        + SkipDetail.clip(u.value(), SkipDetail.MAX_RAW_VALUE)
                        + " ("
                        + u.problem()
                        + ")")
            .orElse("no Return-Path, Sender or From address");
    return Optional.of(Decision.Skip.because(SkipReason.NO_SENDER, detail));
  }
}
