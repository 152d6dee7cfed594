package io.afterhours.sieve;

import io.afterhours.policy.MailboxIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The daemon's reasons not to reply (DESIGN §5) as Sieve tests, each under the skip reason it
 * stands for. The server's vacation action already refuses some of these (RFC 5230 §4.5–4.6); the
 * script tests them anyway, so that every server behaves alike and a reader sees the whole list.
 *
 * <p>Sieve names header fields exactly, so "any List-* field" becomes the eight that RFC 2369, RFC
 * 2919 and RFC 8058 define; and {@code :contains} on the local part is a little stricter than the
 * daemon's no-reply word rule ({@code noreplies} counts too). Both err towards not replying.
 */
final class SieveSkipRules {
  /** One reason not to reply: the daemon's skip reason code, why, and the Sieve test. */
  record Rule(String reason, String why, String test) {}

  private static final List<String> LIST_FIELDS =
      List.of(
          "List-Id",
          "List-Help",
          "List-Unsubscribe",
          "List-Subscribe",
          "List-Post",
          "List-Owner",
          "List-Archive",
          "List-Unsubscribe-Post");
  private static final List<String> RECIPIENT_FIELDS =
      List.of("to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc");
  private static final List<String> ROBOTS =
      List.of(
          "mailer-daemon",
          "mailer-daemon+*",
          "listserv",
          "listserv+*",
          "majordomo",
          "majordomo+*",
          "*-request*",
          "owner-*");
  private static final List<String> NO_REPLY_WORDS =
      List.of(
          "noreply",
          "no-reply",
          "no_reply",
          "no.reply",
          "donotreply",
          "do-not-reply",
          "do_not_reply",
          "do.not.reply");

  private SieveSkipRules() {}

  /**
   * True when any of the fields is present. {@code exists} with a list is true only when every one
   * is (RFC 5228 §5.5), so each field gets its own test.
   */
  private static String anyExists(List<String> fields) {
    return fields.stream()
        .map(f -> "exists " + SieveText.quoted(f))
        .collect(Collectors.joining(", ", "anyof(", ")"));
  }

  static List<Rule> rules(MailboxIdentity identity, List<String> neverReplyTo) {
    List<String> ours = new ArrayList<>();
    ours.add(identity.owner().address());
    ours.addAll(identity.aliases());
    List<Rule> rules = new ArrayList<>();
    rules.add(
        new Rule(
            "NULL_SENDER", "a bounce: the envelope sender is empty", "envelope :is \"from\" \"\""));
    rules.add(
        new Rule(
            "AUTO_SUBMITTED",
            "sent by a machine (RFC 3834 §5): Auto-Submitted other than no",
            "allof(exists \"Auto-Submitted\", not header :matches \"Auto-Submitted\""
                + " [\"no\", \"no *\", \"no;*\", \"no(*\"])"));
    rules.add(
        new Rule(
            "AUTO_SUBMITTED",
            "other auto-responders' marks, and delivery or read reports",
            "anyof("
                + anyExists(List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder"))
                + ", header :matches \"Precedence\" \"auto_reply*\","
                + " header :matches \"Content-Type\" \"multipart/report*\")"));
    rules.add(
        new Rule(
            "BULK_PRECEDENCE",
            "Precedence: bulk, junk or list",
            "header :matches \"Precedence\" [\"bulk*\", \"junk*\", \"list*\"]"));
    rules.add(new Rule("LIST_MAIL", "mailing-list mail", anyExists(LIST_FIELDS)));
    rules.add(
        new Rule(
            "RESPONSE_SUPPRESSED",
            "X-Auto-Response-Suppress: All or OOF",
            "header :contains \"X-Auto-Response-Suppress\" [\"All\", \"OOF\"]"));
    rules.add(
        new Rule(
            "SPAM",
            "the server's spam filter said so",
            "anyof(header :matches \"X-Spam-Flag\" \"yes*\","
                + " header :matches \"X-Spam-Status\" \"yes*\")"));
    rules.add(
        new Rule(
            "FORGED_SENDER",
            "the receiving server found dmarc=fail (RFC 8601)",
            "header :contains \"Authentication-Results\" \"dmarc=fail\""));
    rules.add(
        new Rule(
            "ROBOT_SENDER",
            "mail and list software",
            "envelope :localpart :matches \"from\" " + SieveText.list(ROBOTS)));
    rules.add(
        new Rule(
            "NO_REPLY_SENDER",
            "no-reply addresses",
            "envelope :localpart :contains \"from\" " + SieveText.list(NO_REPLY_WORDS)));
    if (!neverReplyTo.isEmpty()) {
      rules.add(
          new Rule(
              "NO_REPLY_SENDER",
              "reply.never-reply-to",
              "envelope :all :matches \"from\" "
                  + SieveText.list(neverReplyTo.stream().map(SieveText::matchKey).toList())));
    }
    rules.add(
        new Rule(
            "OWN_ADDRESS",
            "from one of our own addresses",
            "anyof(envelope :all :is \"from\" "
                + SieveText.list(ours)
                + ", address :all :is [\"from\", \"sender\"] "
                + SieveText.list(ours)
                + ")"));
    rules.add(
        new Rule(
            "NOT_ADDRESSED_TO_US",
            "none of our addresses in To, Cc, Bcc or Resent-*",
            "not address :all :is "
                + SieveText.list(RECIPIENT_FIELDS)
                + " "
                + SieveText.list(ours)));
    return rules;
  }
}
