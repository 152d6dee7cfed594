package io.afterhours.sieve;

import io.afterhours.policy.MailAddress;
import io.afterhours.reply.OutgoingReply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a reply rendered by the daemon's own composer into Sieve text with holes: Sieve variables
 * for what only the server knows at delivery (the sender's name and address, the subject) and for
 * what differs from one closed window to the next (the next opening and the respond-by time, set by
 * the window's block of the script).
 *
 * <p>The reply is rendered for a sender and subject made of private-use characters, which no
 * template contains, and those are swapped for variables. The two times are found by their
 * formatted text; {@link #of} checks that filling the holes back in gives exactly the rendered
 * reply, so a template that happens to contain the same text elsewhere never gets a wrong hole.
 */
final class ReplyHoles {
  /** The stand-in sender: its display name and address become {@code ${ah_name_LANG}}, … */
  static final MailAddress SENDER =
      new MailAddress("ah-sender@sender.invalid", "\uE000sender.name\uE001");

  /** The stand-in subject of the original: becomes {@code ${ah_subject}}. */
  static final String SUBJECT = "\uE000original.subject\uE001";

  static final String SUBJECT_VARIABLE = "ah_subject";
  static final String SENDER_VARIABLE = "ah_sender";

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private ReplyHoles() {}

  /** {@code ah_next_id}: the next opening, written in template language {@code id}. */
  static String nextVariable(String language) {
    return "ah_next_" + token(language);
  }

  /** {@code ah_by_id}: the respond-by time, written in template language {@code id}. */
  static String respondByVariable(String language) {
    return "ah_by_" + token(language);
  }

  /** {@code ah_name_id}: the sender's display name, or the polite generic form of {@code id}. */
  static String nameVariable(String language) {
    return "ah_name_" + token(language);
  }

  /**
   * The reply with holes for the sender, the subject and, when {@code withTimes}, the two times.
   *
   * @param nextOpening the next opening as the reply writes it
   * @param respondBy the respond-by time as the reply writes it
   * @return empty when the holes would not give the reply back exactly
   */
  static Optional<SieveReply> of(
      OutgoingReply reply, String nextOpening, String respondBy, boolean withTimes) {
    String language = reply.language();
    List<String[]> swaps = new ArrayList<>();
    if (withTimes) {
      swaps.add(new String[] {nextOpening, reference(nextVariable(language))});
      swaps.add(new String[] {respondBy, reference(respondByVariable(language))});
    }
    swaps.add(new String[] {SENDER.name(), reference(nameVariable(language))});
    swaps.add(new String[] {SENDER.address(), reference(SENDER_VARIABLE)});
    swaps.add(new String[] {SUBJECT, reference(SUBJECT_VARIABLE)});
    swaps.sort(Comparator.comparingInt((String[] s) -> s[0].length()).reversed());
    SieveReply holed =
        new SieveReply(
            fill(reply.subject(), swaps), fill(reply.text(), swaps), language, reply.template());
    Map<String, String> values =
        Map.of(
            nextVariable(language),
            nextOpening,
            respondByVariable(language),
            respondBy,
            nameVariable(language),
            SENDER.name(),
            SENDER_VARIABLE,
            SENDER.address(),
            SUBJECT_VARIABLE,
            SUBJECT,
            SieveText.DOLLAR_VARIABLE,
            "$");
    boolean exact =
        expand(holed.subject(), values).equals(reply.subject())
            && expand(holed.body(), values).equals(reply.text());
    return exact ? Optional.of(holed) : Optional.empty();
  }

  private static String fill(String text, List<String[]> swaps) {
    String out = SieveText.literal(text);
    for (String[] swap : swaps) {
      out = out.replace(swap[0], swap[1]);
    }
    return out;
  }

  /** What Sieve's variable expansion makes of {@code text} (RFC 5229 §3), for the check. */
  static String expand(String text, Map<String, String> values) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1).toLowerCase(Locale.ROOT), "");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String reference(String variable) {
    return "${" + variable + "}";
  }

  /** A language code as part of a variable name: {@code pt-BR} becomes {@code pt_br}. */
  private static String token(String language) {
    return language.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }
}
