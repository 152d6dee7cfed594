package io.afterhours.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules about who the reply would go to: list robots, no-reply addresses and the configured {@code
 * reply.never-reply-to} patterns. Each looks at the reply address only (Return-Path, else Sender,
 * else From).
 */
final class SenderRules {
  private static final Set<String> ROBOT_NAMES = Set.of("mailer-daemon", "listserv", "majordomo");

  /**
   * noreply, no-reply, no_reply, no.reply, do-not-reply, donotreply and the like, as a whole word
   * of the local part: {@code jira-noreply}, {@code no-reply-aws} and {@code noreply+tag} count;
   * {@code noreplies} and {@code noreen} do not.
   */
  private static final Pattern NO_REPLY_WORD =
      Pattern.compile("(^|[-_.])(no[-_.]?reply|do[-_.]?not[-_.]?reply)([-_.]|$)");

  private final List<GlobPattern> neverReplyTo;

  SenderRules(List<String> neverReplyTo) {
    this.neverReplyTo = neverReplyTo.stream().map(GlobPattern::of).toList();
  }

  /**
   * RFC 3834 §2 and RFC 5230 §4.6: mail from MAILER-DAEMON, LISTSERV, majordomo, {@code *-request}
   * and {@code owner-*} comes from mail and list software, which reads no replies.
   */
  static Optional<Decision.Skip> robotSender(Candidate c) {
    return c.sender()
        .filter(SenderRules::isRobot)
        .map(
            s ->
                Decision.Skip.because(
                    SkipReason.ROBOT_SENDER, "sender " + SkipDetail.clip(s.address())));
  }

  /** No-reply addresses say it themselves; configured patterns add the site's own. */
  Optional<Decision.Skip> noReplySender(Candidate c) {
    Optional<MailAddress> sender = c.sender();
    if (sender.isEmpty()) {
      return Optional.empty();
    }
    String address = sender.get().address();
    String shown = "sender " + SkipDetail.clip(address);
    if (isNoReply(sender.get())) {
      return Optional.of(Decision.Skip.because(SkipReason.NO_REPLY_SENDER, shown));
    }
    return neverReplyTo.stream()
        .filter(p -> p.matches(address))
        .findFirst()
        .map(
            p ->
                Decision.Skip.because(
                    SkipReason.NO_REPLY_SENDER,
                    shown + " matches never-reply-to \"" + p.glob() + "\""));
  }

  static boolean isRobot(MailAddress sender) {
    String local = sender.localPart().toLowerCase(Locale.ROOT);
    return ROBOT_NAMES.contains(withoutSubaddress(local))
        || local.contains("-request")
        || local.startsWith("owner-");
  }

  static boolean isNoReply(MailAddress sender) {
    String local = withoutSubaddress(sender.localPart().toLowerCase(Locale.ROOT));
    return NO_REPLY_WORD.matcher(local).find();
  }

  /** {@code noreply+bounce-42} is still noreply (RFC 5233 subaddress). */
  private static String withoutSubaddress(String local) {
    int plus = local.indexOf('+');
    return plus < 0 ? local : local.substring(0, plus);
  }
}
