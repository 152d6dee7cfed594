package io.afterhours.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * RFC 3834 §2: a message that answers one of our own auto-replies (In-Reply-To or References names
 * it) is the other half of a loop, or a human answering a robot; either way it gets no second
 * auto-reply.
 *
 * <p>Two ways to recognise our replies: the reply history, and the shape of our Message-IDs, {@code
 * <afterhours.SOMETHING@owner-domain>}, which still works after the history was lost.
 */
final class AutoReplyLoopRules {
  /** The local-part prefix of every Message-ID we generate. */
  static final String OUR_ID_PREFIX = "afterhours.";

  private final ReplyHistory history;

  AutoReplyLoopRules(ReplyHistory history) {
    this.history = Objects.requireNonNull(history, "history");
  }

  /** Cheap, stateless: an id shaped like ours, on the owner's domain. */
  static Optional<Decision.Skip> answersOurReplyByShape(Candidate c) {
    String ownerDomain = c.mailbox().owner().domain();
    return referencedIds(c)
        .filter(id -> looksLikeOurs(id, ownerDomain))
        .findFirst()
        .map(AutoReplyLoopRules::skip);
  }

  /** Asks the reply history about every referenced id. */
  Optional<Decision.Skip> answersOurReplyByHistory(Candidate c) {
    return referencedIds(c).filter(history::isOurReply).findFirst().map(AutoReplyLoopRules::skip);
  }

  static boolean looksLikeOurs(String messageId, String ownerDomain) {
    String bare = messageId.substring(1, messageId.length() - 1);
    int at = bare.lastIndexOf('@');
    if (at < 0 || ownerDomain.isEmpty()) {
      return false;
    }
    String local = bare.substring(0, at).toLowerCase(Locale.ROOT);
    String domain = bare.substring(at + 1);
    return local.startsWith(OUR_ID_PREFIX)
        && local.length() > OUR_ID_PREFIX.length()
        && domain.equalsIgnoreCase(ownerDomain);
  }

  /** In-Reply-To and References ids, each written {@code <...>} as our history stores them. */
  private static Stream<String> referencedIds(Candidate c) {
    return Stream.concat(c.facts().inReplyTo().stream(), c.facts().references().stream())
        .map(String::strip)
        .filter(id -> !id.isEmpty())
        .map(id -> id.startsWith("<") && id.endsWith(">") ? id : "<" + id + ">");
  }

  private static Decision.Skip skip(String id) {
    return Decision.Skip.because(
        SkipReason.REPLY_TO_AUTO_REPLY, "answers our reply " + SkipDetail.clip(id));
  }
}
