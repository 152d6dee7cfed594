package io.afterhours.mail;

import io.afterhours.reply.HeaderText;
import io.afterhours.reply.OutgoingReply;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Objects;

/**
 * Turns an {@link OutgoingReply} into the MIME message that is sent and, identically, kept in Sent:
 * our Message-ID and Date, In-Reply-To and References for threading, the RFC 3834 headers, a UTF-8
 * text body in quoted-printable, and multipart/alternative when there is an HTML body.
 *
 * <p>Headers are ASCII (RFC 2047 words, domains in A-labels; see {@link SmtpRecipient}), except in
 * a reply to a UTF-8 local part: that one is written in raw UTF-8 (RFC 6532), as it must go out
 * with SMTPUTF8 anyway.
 */
public final class ReplyMessageBuilder {
  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final Session session;
  private final Session utf8Session;

  /**
   * @param session writes headers in ASCII
   * @param utf8Session writes headers in raw UTF-8 ({@code mail.mime.allowutf8}), for replies to a
   *     UTF-8 local part
   */
  public ReplyMessageBuilder(Session session, Session utf8Session) {
    this.session = Objects.requireNonNull(session, "session");
    this.utf8Session = Objects.requireNonNull(utf8Session, "utf8Session");
  }

  public MimeMessage build(OutgoingReply reply) throws MessagingException {
    Session writer = SmtpRecipient.needsSmtpUtf8(reply.to()) ? utf8Session : session;
    MimeMessage message = new FixedIdMessage(writer, reply.messageId());
    message.setFrom(SmtpRecipient.forHeader(reply.from()));
    message.setRecipient(Message.RecipientType.TO, SmtpRecipient.forHeader(reply.to()));
    message.setSubject(HeaderText.clean(reply.subject()), UTF_8);
    message.setSentDate(Date.from(reply.date()));
    if (!reply.inReplyTo().isEmpty()) {
      message.setHeader("In-Reply-To", HeaderText.clean(reply.inReplyTo()));
    }
    if (!reply.references().isEmpty()) {
      String references = HeaderText.clean(String.join(" ", reply.references()));
      // RFC 5322 §2.1.1: lines stay under 998 characters, however long the thread.
      message.setHeader("References", MimeUtility.fold("References: ".length(), references));
    }
    reply.autoReplyHeaders().forEach((name, value) -> setHeader(message, name, value));
    if (reply.html().isPresent()) {
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(textPart(reply.text(), "plain"));
      alternative.addBodyPart(textPart(reply.html().get(), "html"));
      message.setContent(alternative);
    } else {
      message.setText(reply.text(), UTF_8, "plain");
      message.setHeader("Content-Transfer-Encoding", "quoted-printable");
    }
    message.saveChanges();
    return message;
  }

  private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(text, UTF_8, subtype);
    part.setHeader("Content-Transfer-Encoding", "quoted-printable");
    return part;
  }

  private static void setHeader(MimeMessage message, String name, String value) {
    try {
      message.setHeader(name, HeaderText.clean(value));
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot set header " + name, e);
    }
  }

  /** Keeps our Message-ID: Jakarta Mail would otherwise make up a new one on saveChanges(). */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = HeaderText.clean(messageId);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
