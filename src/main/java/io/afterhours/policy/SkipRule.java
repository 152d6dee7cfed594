package io.afterhours.policy;

import java.util.Optional;

/** One reason not to reply. A rule that does not apply answers empty; it never throws. */
@FunctionalInterface
interface SkipRule {
  Optional<Decision.Skip> check(Candidate candidate);
}
