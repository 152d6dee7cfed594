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

  /** RFC 3834 §4: the reply goes to Return-Path, else Sender, else From; with none, nobody. */
  static Optional<Decision.Skip> noSender(Candidate c) {
    if (c.facts().nullSender() || c.sender().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        Decision.Skip.because(SkipReason.NO_SENDER, "no Return-Path, Sender or From address"));
  }
}
