package io.afterhours.mail;

import io.afterhours.reply.HeaderText;
import io.afterhours.reply.OutgoingReply;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends auto-replies over SMTP, a batch over one connection. Every reply gets a result: one
 * rejected reply does not stop the others; a lost connection fails the rest of the batch, which the
 * caller retries later. Nothing is thrown for a failure of the server.
 *
 * <p>The envelope sender is {@link EnvelopeSender#NULL} ({@code MAIL FROM:<>}) unless configured
 * otherwise; see there for why.
 */
public final class SmtpReplySender {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpReplySender.class);

  private final String mailbox;
  private final ServerSettings settings;
  private final Session session;
  private final Session utf8Session;
  private final ReplyMessageBuilder builder;

  /**
   * @throws InsecureConnectionException when security is none for a host off the loopback
   */
  public SmtpReplySender(String mailbox, ServerSettings settings, EnvelopeSender envelopeSender) {
    this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.session = MailSessions.smtp(mailbox, settings, envelopeSender.smtpFromProperty());
    this.utf8Session = MailSessions.smtpUtf8(mailbox, settings, envelopeSender.smtpFromProperty());
    this.builder = new ReplyMessageBuilder(session, utf8Session);
  }

  /** The builder this sender uses, to build the identical copy for the Sent folder. */
  public ReplyMessageBuilder messageBuilder() {
    return builder;
  }

  /** Connects and logs in, then hangs up: {@code afterhours check} uses it. */
  public void checkLogin() throws MessagingException {
    closeQuietly(connect(session));
  }

  /** Sends {@code replies} over one connection; the results are in the same order. */
  public List<SendResult> send(List<OutgoingReply> replies) {
    List<SendResult> results = new ArrayList<>();
    if (replies.isEmpty()) {
      return results;
    }
    Transport transport;
    try {
      transport = connect(session);
    } catch (MessagingException e) {
      String reason = "cannot connect to SMTP server " + settings.endpoint() + ": " + describe(e);
      LOG.warn("mailbox={} {}", mailbox, reason);
      replies.forEach(reply -> results.add(new SendResult.Failed(reply, reason)));
      return results;
    }
    try {
      for (OutgoingReply reply : replies) {
        if (!results.isEmpty() && lostConnection(results.get(results.size() - 1), transport)) {
          results.add(new SendResult.Failed(reply, "SMTP connection lost earlier in the batch"));
        } else {
          results.add(sendOne(transport, reply));
        }
      }
    } finally {
      closeQuietly(transport);
    }
    return results;
  }

  private Transport connect(Session using) throws MessagingException {
    Transport transport = using.getTransport();
    LOG.debug("mailbox={} connecting to SMTP {} ", mailbox, settings.endpoint());
    if (settings.user().isEmpty()) {
      transport.connect(settings.host(), settings.port(), null, null);
    } else {
      try {
        transport.connect(
            settings.host(), settings.port(), settings.user(), settings.password().reveal());
      } catch (AuthenticationFailedException e) {
        throw new AuthenticationFailedException(
            "SMTP login as "
                + settings.user()
                + " to "
                + settings.endpoint()
                + " refused: "
                + e.getMessage());
      }
    }
    return transport;
  }

  private SendResult sendOne(Transport transport, OutgoingReply reply) {
    try {
      SmtpRecipient to = SmtpRecipient.of(reply.to(), SmtpRecipient.offersSmtpUtf8(transport));
      if (to instanceof SmtpRecipient.Refused refused) {
        LOG.warn("mailbox={} reply {} not sent: {}", mailbox, reply.messageId(), refused.reason());
        return new SendResult.Failed(reply, refused.reason(), true);
      }
      SmtpRecipient.Accepted recipient = (SmtpRecipient.Accepted) to;
      MimeMessage message = builder.build(reply);
      if (recipient.needsSmtpUtf8()) {
        sendWithSmtpUtf8(message, recipient.envelope());
      } else {
        transport.sendMessage(message, new Address[] {recipient.envelope()});
      }
      LOG.debug("mailbox={} sent {} to {}", mailbox, reply.messageId(), reply.to().address());
      return new SendResult.Sent(reply);
    } catch (MessagingException | RuntimeException e) {
      String reason = describe(e);
      LOG.warn(
          "mailbox={} reply {} to {} failed: {}",
          mailbox,
          reply.messageId(),
          reply.to().address(),
          reason);
      return new SendResult.Failed(reply, reason, isPermanent(e));
    }
  }

  /**
   * Sends one message over a connection of its own that asks for SMTPUTF8, so that the batch's
   * other replies do not (see {@link MailSessions#smtpUtf8}).
   */
  private void sendWithSmtpUtf8(MimeMessage message, Address to) throws MessagingException {
    Transport utf8 = connect(utf8Session);
    try {
      utf8.sendMessage(message, new Address[] {to});
    } finally {
      closeQuietly(utf8);
    }
  }

  /**
   * Did the server refuse for good? True for an SMTP 5xx reply to the recipient or the message
   * (Angus Mail chains them as {@link SMTPAddressFailedException} or {@link
   * SMTPSendFailedException}); false for 4xx replies and anything else (connection trouble).
   */
  static boolean isPermanent(Exception e) {
    boolean permanent = false;
    Exception current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      int code = -1;
      if (current instanceof SMTPAddressFailedException address) {
        code = address.getReturnCode();
      } else if (current instanceof SMTPSendFailedException send) {
        code = send.getReturnCode();
      }
      if (code >= 400 && code < 500) {
        return false; // a temporary refusal anywhere in the chain: retry
      }
      if (code >= 500 && code < 600) {
        permanent = true;
      }
      current = current instanceof MessagingException m ? m.getNextException() : null;
    }
    return permanent;
  }

  /** After a failure, is the connection still usable? A dead socket fails the rest at once. */
  private static boolean lostConnection(SendResult previous, Transport transport) {
    return previous instanceof SendResult.Failed && !transport.isConnected();
  }

  private static String describe(Exception e) {
    StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()).strip());
    Throwable cause = e.getCause();
    if (cause instanceof IOException || cause instanceof MessagingException) {
      reason.append(" (").append(cause.getClass().getSimpleName()).append(": ");
      reason.append(String.valueOf(cause.getMessage()).strip()).append(')');
    }
    return HeaderText.clean(reason.toString());
  }

  private void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      LOG.debug("mailbox={} closing SMTP connection: {}", mailbox, e.toString());
    }
  }
}
