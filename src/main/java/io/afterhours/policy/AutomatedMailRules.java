package io.afterhours.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules that recognise machine-sent mail by its header fields; they need no state. */
final class AutomatedMailRules {
  private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
  private static final Pattern TOKEN_SEPARATOR = Pattern.compile("[\\s,;]+");
  private static final Pattern DMARC_RESULT =
      Pattern.compile("(?:^|[;\\s])dmarc\\s*=\\s*([A-Za-z]+)", Pattern.CASE_INSENSITIVE);
  private static final List<String> AUTO_REPLY_FIELDS =
      List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder");
  private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list");
  private static final Set<String> SUPPRESSING = Set.of("all", "oof");

  private AutomatedMailRules() {}

  /**
   * RFC 3834 §5.1 and RFC 5230 §4.5: anything but {@code Auto-Submitted: no} (parameters and
   * comments aside) was sent by a machine; answering it risks a loop.
   */
  static Optional<Decision.Skip> autoSubmitted(Candidate c) {
    for (String value : c.headers().all("Auto-Submitted")) {
      String keyword = keyword(value);
      if (!keyword.equals("no")) {
        return skip(SkipReason.AUTO_SUBMITTED, "Auto-Submitted", value);
      }
    }
    return Optional.empty();
  }

  /**
   * Field experience: auto-responders that predate RFC 3834, or ignore it, mark their replies with
   * {@code X-Autoreply} (Exim, cPanel), {@code X-Autorespond}, or {@code Precedence: auto_reply};
   * delivery and read reports come as {@code multipart/report} (RFC 6522), sometimes from a real
   * sender address. Answering any of them starts a loop.
   */
  static Optional<Decision.Skip> otherAutoReplyMarks(Candidate c) {
    for (String name : AUTO_REPLY_FIELDS) {
      Optional<String> value = c.headers().first(name);
      if (value.isPresent() && !keyword(value.get()).equals("no")) {
        return skip(SkipReason.AUTO_SUBMITTED, name, value.get());
      }
    }
    for (String value : c.headers().all("Precedence")) {
      if (keyword(value).equals("auto_reply")) {
        return skip(SkipReason.AUTO_SUBMITTED, "Precedence", value);
      }
    }
    for (String value : c.headers().all("Content-Type")) {
      if (keyword(value).equals("multipart/report")) {
        return skip(SkipReason.AUTO_SUBMITTED, "Content-Type", value);
      }
    }
    return Optional.empty();
  }

  /** RFC 3834 §2 asks not to answer list mail; {@code Precedence: bulk, junk or list} marks it. */
  static Optional<Decision.Skip> bulkPrecedence(Candidate c) {
    for (String value : c.headers().all("Precedence")) {
      if (BULK_PRECEDENCE.contains(keyword(value))) {
        return skip(SkipReason.BULK_PRECEDENCE, "Precedence", value);
      }
    }
    return Optional.empty();
  }

  /** RFC 5230 §4.6, RFC 2369, RFC 2919: any {@code List-*} field means mailing-list traffic. */
  static Optional<Decision.Skip> listMail(Candidate c) {
    for (String name : c.headers().names()) {
      if (name.startsWith("list-")) {
        return skip(SkipReason.LIST_MAIL, name, c.headers().first(name).orElse(""));
      }
    }
    return Optional.empty();
  }

  /** Microsoft's {@code X-Auto-Response-Suppress}: {@code All} or {@code OOF} asks for silence. */
  static Optional<Decision.Skip> responseSuppressed(Candidate c) {
    for (String value : c.headers().all("X-Auto-Response-Suppress")) {
      for (String token : TOKEN_SEPARATOR.split(value.toLowerCase(Locale.ROOT))) {
        if (SUPPRESSING.contains(token)) {
          return skip(SkipReason.RESPONSE_SUPPRESSED, "X-Auto-Response-Suppress", value);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * SpamAssassin's verdict, in {@code X-Spam-Flag: YES} or, where only that is added, {@code
   * X-Spam-Status: Yes, score=…}: answering spam confirms the address and backscatters forgeries.
   */
  static Optional<Decision.Skip> spamFlag(Candidate c) {
    for (String value : c.headers().all("X-Spam-Flag")) {
      if (keyword(value).equals("yes")) {
        return skip(SkipReason.SPAM, "X-Spam-Flag", value);
      }
    }
    for (String value : c.headers().all("X-Spam-Status")) {
      if (TOKEN_SEPARATOR.split(value.strip().toLowerCase(Locale.ROOT), 2)[0].equals("yes")) {
        return skip(SkipReason.SPAM, "X-Spam-Status", value);
      }
    }
    return Optional.empty();
  }

  /**
   * RFC 8601 {@code Authentication-Results} with {@code dmarc=fail}: the receiving server found
   * that the From domain did not send this message, so the sender is most likely forged and a reply
   * would be backscatter to a stranger. (SPF or DKIM failing alone is common for forwarded mail and
   * is not enough; a header the sender wrote can only suppress a reply to the sender.)
   */
  static Optional<Decision.Skip> forgedSender(Candidate c) {
    for (String value : c.headers().all("Authentication-Results")) {
      Matcher dmarc = DMARC_RESULT.matcher(withoutComments(value));
      while (dmarc.find()) {
        if (dmarc.group(1).equalsIgnoreCase("fail")) {
          return skip(SkipReason.FORGED_SENDER, "Authentication-Results", value);
        }
      }
    }
    return Optional.empty();
  }

  /** The leading keyword of a structured value, without comments or parameters, lower-case. */
  static String keyword(String value) {
    String text = withoutComments(value);
    int semicolon = text.indexOf(';');
    String keyword = semicolon < 0 ? text : text.substring(0, semicolon);
    return keyword.strip().toLowerCase(Locale.ROOT);
  }

  private static String withoutComments(String value) {
    String text = value;
    String previous;
    do { // comments may nest: peel them from the inside out
      previous = text;
      text = COMMENT.matcher(text).replaceAll(" ");
    } while (!text.equals(previous));
    return text;
  }

  private static Optional<Decision.Skip> skip(SkipReason reason, String header, String value) {
    return Optional.of(Decision.Skip.because(reason, SkipDetail.header(header, value)));
  }
}
