package io.afterhours.reply;

import io.afterhours.policy.MailAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully rendered auto-reply, ready for an SMTP adapter. Header values hold no CR or LF.
 *
 * @param mailbox the configured mailbox name
 * @param from the owner (the mailbox address and display name)
 * @param to the recipient (the original's Return-Path, else Sender, else From)
 * @param messageId our Message-ID, with angle brackets, on the mailbox's domain
 * @param inReplyTo the original's Message-ID, or empty when it had none
 * @param references the original's References plus its Message-ID
 * @param date the Date of the reply
 * @param template the template name used, e.g. {@code after-hours}
 * @param language the template language used, e.g. {@code id}
 * @param html the HTML alternative, when the template has one
 */
public record OutgoingReply(
    String mailbox,
    MailAddress from,
    MailAddress to,
    String subject,
    String text,
    Optional<String> html,
    String messageId,
    String inReplyTo,
    List<String> references,
    Instant date,
    String template,
    String language) {
  public OutgoingReply {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    references = List.copyOf(references);
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(language, "language");
  }

  /**
   * The headers every auto-reply carries so that other responders and mail clients leave it alone
   * (RFC 3834 §3.1.7 and §5; Microsoft's X-Auto-Response-Suppress; Precedence for old list
   * software).
   */
  public Map<String, String> autoReplyHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Auto-Submitted", "auto-replied");
    headers.put("X-Auto-Response-Suppress", "All");
    headers.put("Precedence", "bulk");
    return headers;
  }
}
