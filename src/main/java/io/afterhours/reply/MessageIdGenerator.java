package io.afterhours.reply;

import java.time.Instant;

/**
 * Makes the Message-ID of a reply. A port, so that tests get predictable ids and the store can
 * record the id before the reply is sent (DESIGN §6).
 */
@FunctionalInterface
public interface MessageIdGenerator {

  /**
   * A new, globally unique Message-ID with its angle brackets, e.g. {@code
   * <afterhours.mi5x2k0g.3f9c…@example.com>}.
   *
   * @param domain the owner's mail domain, the right-hand side of the id
   * @param at when the reply is made
   */
  String messageIdFor(String domain, Instant at);
}
