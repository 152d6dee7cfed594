package io.afterhours.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of the owner's sent mail shows whom the owner knows, for {@code reply.only-to =
 * correspondents}: mail a person wrote, not an automatic message, and its recipients other than the
 * owner.
 */
public final class Correspondence {
  private Correspondence() {}

  /**
   * True when a message of the Sent folder was written by a machine and so proves no
   * correspondence: our own auto-replies (copied to Sent, {@code Auto-Submitted: auto-replied}, a
   * Message-ID shaped {@code <afterhours.…@owner-domain>} even without that field), and any other
   * message marked {@code Auto-Submitted} (a server's vacation notice, a calendar's notification).
   *
   * @param autoSubmitted the values of its Auto-Submitted fields
   * @param messageId its Message-ID, with angle brackets, or empty
   */
  public static boolean isAutomatic(
      List<String> autoSubmitted, String messageId, MailboxIdentity mailbox) {
    boolean marked =
        autoSubmitted.stream().anyMatch(v -> !AutomatedMailRules.keyword(v).equals("no"));
    String id = messageId.strip();
    boolean ours =
        id.length() > 2
            && id.startsWith("<")
            && id.endsWith(">")
            && AutoReplyLoopRules.looksLikeOurs(id, mailbox.owner().domain());
    return marked || ours;
  }

  /** The addresses a sent message went to, lower-case, without the mailbox's own. */
  public static Set<String> people(List<MailAddress> recipients, MailboxIdentity mailbox) {
    Set<String> people = new TreeSet<>();
    for (MailAddress recipient : recipients) {
      if (!recipient.address().isEmpty() && !mailbox.isOurs(recipient.address())) {
        people.add(recipient.address().toLowerCase(Locale.ROOT));
      }
    }
    return people;
  }
}
