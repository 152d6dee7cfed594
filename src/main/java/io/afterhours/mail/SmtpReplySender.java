package io.afterhours.mail;

import io.afterhours.pass.HandOver;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.Redirect;
import io.afterhours.pass.ReplySender;
import io.afterhours.pass.SendResult;
import io.afterhours.reply.HeaderText;
import io.afterhours.reply.OutgoingReply;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends auto-replies over SMTP, one at a time over a connection that stays open across a batch and
 * is closed by {@link #close}. Every reply gets a {@link SendResult} saying what is known of its
 * delivery: accepted, refused for good (5xx), refused for now (4xx), certainly not sent (no
 * connection, or it broke before the message was handed over), or in doubt (the connection broke
 * after the whole message was handed over, before the server answered). Nothing is thrown for a
 * failure of the server.
 *
 * <p>The envelope sender is {@link EnvelopeSender#NULL} ({@code MAIL FROM:<>}) unless configured
 * otherwise; see there for why.
 */
public final class SmtpReplySender implements ReplySender {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpReplySender.class);

  /** The server's answer to DATA: from here on, a broken connection leaves the reply in doubt. */
  private static final int START_MAIL_INPUT = 354;

  /** "Service not available, closing transmission channel" (RFC 5321 §3.8), e.g. idle timeout. */
  private static final int CLOSING_CHANNEL = 421;

  private final String mailbox;
  private final ServerSettings settings;
  private final Session session;
  private final Session utf8Session;
  private final ReplyMessageBuilder builder;
  private Transport transport;

  /** The last message's server answered 421 before its final "." and closed the connection. */
  private boolean channelClosed;

  /** The message under way goes over a connection kept from an earlier one. */
  private boolean reused;

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

  /**
   * Connects and logs in (when the block has a password), then hangs up: {@code afterhours check}
   * uses it.
   *
   * @throws MailServerException naming the mailbox, the server, what is wrong and what to do
   */
  public void checkLogin() throws MailServerException {
    try {
      closeQuietly(connect(session));
    } catch (MessagingException e) {
      throw new MailServerException(ConnectionProblem.describe(mailbox, "SMTP", settings, e), e);
    }
  }

  @Override
  public synchronized SendResult send(OutgoingReply reply) {
    return send(reply, HandOver.AT_ONCE);
  }

  /**
   * Sends one reply: MAIL, RCPT and DATA go out before {@code handOver} is asked, the reply's lines
   * and final "." only once it allowed (see {@link HandOverTransport}).
   */
  @Override
  public synchronized SendResult send(OutgoingReply reply, HandOver handOver) {
    return overConnection(reply.messageId(), transport -> sendOne(transport, reply, handOver));
  }

  /**
   * Redirects a client's message to a stand-in (RFC 5228 redirect): the original intact under
   * Resent-* fields, with the owner's address as the envelope sender, so that a bounce reaches the
   * owner and the stand-in's server sees a sender that this server may send for.
   */
  @Override
  public synchronized SendResult redirect(Redirect redirect) {
    return overConnection(
        redirect.resentMessageId(), transport -> redirectOne(transport, redirect));
  }

  /**
   * One message over the batch's connection, made first if there is none. A connection kept since
   * an earlier message may have been closed by the server meanwhile (an idle or per-connection
   * limit): a message that was certainly not handed over is tried once more on a new one before the
   * server is called unreachable. A message withheld by its {@link HandOver} is not tried again.
   */
  private SendResult overConnection(String id, Function<Transport, SendResult> attempt) {
    boolean fresh = transport == null;
    if (fresh) {
      try {
        transport = connect(session);
      } catch (MessagingException e) {
        String reason = cannotConnect(e);
        LOG.warn("mailbox={} {}", mailbox, reason);
        return new SendResult.NotSent(id, reason);
      }
    }
    channelClosed = false;
    reused = !fresh;
    SendResult result = attempt.apply(transport);
    if (result instanceof SendResult.NotSent
        || result instanceof SendResult.InDoubt
        || channelClosed) {
      close(); // the connection is broken; the next message starts a new one
      // A kept connection that the server has closed meanwhile (an idle or per-connection limit)
      // fails on the message's first command, with no answer or with a 421 that was waiting.
      boolean lost = result instanceof SendResult.NotSent notSent && !notSent.withheld();
      if (!fresh && (lost || channelClosed)) {
        LOG.debug("mailbox={} SMTP connection closed; trying {} on a new one", mailbox, id);
        return overConnection(id, attempt);
      }
    }
    return result;
  }

  private SendResult redirectOne(Transport transport, Redirect redirect) {
    String id = redirect.resentMessageId();
    SMTPMessage message;
    Address[] to;
    try {
      SmtpRecipient recipient = SmtpRecipient.of(redirect.to(), false);
      if (recipient instanceof SmtpRecipient.Refused refused) {
        return new SendResult.Rejected(id, refused.reason());
      }
      to = new Address[] {((SmtpRecipient.Accepted) recipient).envelope()};
      message = RedirectMessages.build(session, redirect);
      message.setEnvelopeFrom(redirect.from().address());
    } catch (MessagingException | RuntimeException e) {
      String reason = "the redirected message cannot be built: " + describe(e);
      LOG.warn("mailbox={} redirect {} {}", mailbox, id, reason);
      return new SendResult.Rejected(id, reason);
    }
    return deliver(transport, id, redirect.to().address(), message, to, HandOver.AT_ONCE);
  }

  @Override
  public synchronized void close() {
    closeQuietly(transport);
    transport = null;
  }

  private Transport connect(Session using) throws MessagingException {
    Transport transport = new HandOverTransport(using);
    LOG.debug("mailbox={} connecting to SMTP {} ", mailbox, settings.endpoint());
    if (settings.logsIn()) {
      transport.connect(
          settings.host(), settings.port(), settings.user(), settings.password().reveal());
    } else {
      // No login: a relay that trusts this machine's address (like Postfix's mynetworks).
      transport.connect(settings.host(), settings.port(), null, null);
    }
    return transport;
  }

  /** Why no connection could be made, naming the server: for the log and the history. */
  private String cannotConnect(MessagingException e) {
    return ConnectionProblem.of(e, "SMTP", settings)
        .map(p -> "SMTP server " + settings.endpoint() + ": " + p)
        .orElseGet(
            () -> "cannot connect to SMTP server " + settings.endpoint() + ": " + describe(e));
  }

  private SendResult sendOne(Transport transport, OutgoingReply reply, HandOver handOver) {
    MimeMessage message;
    Address[] to;
    boolean utf8;
    try {
      SmtpRecipient recipient =
          SmtpRecipient.of(reply.to(), SmtpRecipient.offersSmtpUtf8(transport));
      if (recipient instanceof SmtpRecipient.Refused refused) {
        LOG.warn("mailbox={} reply {} not sent: {}", mailbox, reply.messageId(), refused.reason());
        return new SendResult.Rejected(reply.messageId(), refused.reason());
      }
      SmtpRecipient.Accepted accepted = (SmtpRecipient.Accepted) recipient;
      utf8 = accepted.needsSmtpUtf8();
      to = new Address[] {accepted.envelope()};
      message = builder.build(reply);
    } catch (MessagingException | RuntimeException e) {
      String reason = "the reply cannot be built: " + describe(e);
      LOG.warn("mailbox={} reply {} {}", mailbox, reply.messageId(), reason);
      return new SendResult.Rejected(reply.messageId(), reason);
    }
    if (!utf8) {
      return deliver(transport, reply.messageId(), reply.to().address(), message, to, handOver);
    }
    // A reply to a UTF-8 local part goes over a connection of its own that asks for SMTPUTF8, so
    // that the batch's other replies do not (see MailSessions#smtpUtf8).
    Transport own;
    try {
      own = connect(utf8Session);
    } catch (MessagingException e) {
      return new SendResult.NotSent(reply.messageId(), cannotConnect(e));
    }
    try {
      return deliver(own, reply.messageId(), reply.to().address(), message, to, handOver);
    } finally {
      closeQuietly(own);
    }
  }

  /**
   * Hands one message to the server over {@code transport}, asking {@code handOver} before its
   * final "."; what became of it.
   */
  private SendResult deliver(
      Transport transport,
      String id,
      String toAddress,
      MimeMessage message,
      Address[] to,
      HandOver handOver) {
    try {
      ((HandOverTransport) transport).sendMessage(message, to, handOver);
      LOG.debug("mailbox={} sent {} to {}", mailbox, id, toAddress);
      return new SendResult.Sent(id);
    } catch (MessagingException | RuntimeException e) {
      if (inChain(e, HandOverTransport.Withheld.class::isInstance)) {
        LOG.debug(
            "mailbox={} message {} to {} withheld before its final \".\"", mailbox, id, toAddress);
        return new SendResult.NotSent(id, SendResult.WITHHELD);
      }
      SendResult result = classify(id, e, lastReturnCode(transport));
      // A connection of its own (SMTPUTF8) is not kept, so it is not tried again either.
      channelClosed =
          transport == this.transport && replyCode(e) == CLOSING_CHANNEL && !lostAtTheFinalDot(e);
      // On a kept connection that is the server's idle limit, and the message is tried again.
      LOG.atLevel(channelClosed && reused ? Level.DEBUG : Level.WARN)
          .log(
              "mailbox={} message {} to {} {}: {}",
              mailbox,
              id,
              toAddress,
              outcome(result),
              describe(e));
      return result;
    }
  }

  /**
   * What a failed send means. An SMTP reply code decides it when there is one: 5xx refused for
   * good, 4xx for now (a temporary refusal anywhere in the chain wins). Without one the connection
   * failed (Angus reports a lost connection as code -1, "[EOF]"): while the message or its final
   * "." was on its way, or its answer awaited, the server may have taken it, and only it knows;
   * before that, the message was certainly not handed over.
   */
  static SendResult classify(String messageId, Exception e, int lastReturnCode) {
    String reason = describe(e);
    int code = replyCode(e);
    if (code >= 400 && code < 500) {
      return new SendResult.Deferred(messageId, reason);
    }
    if (code >= 500 && code < 600) {
      return new SendResult.Rejected(messageId, reason);
    }
    if (e instanceof SendFailedException refused
        && !hasSmtpFailure(e)
        && refused.getInvalidAddresses() != null
        && refused.getInvalidAddresses().length > 0) {
      // Refused addresses without a server's word: no server would take this recipient.
      return new SendResult.Rejected(messageId, reason);
    }
    return lastReturnCode == START_MAIL_INPUT || lostAtTheFinalDot(e)
        ? new SendResult.InDoubt(messageId, reason)
        : new SendResult.NotSent(messageId, reason);
  }

  /** The connection broke on the message's final "." (RFC 5321 §4.1.1.4) or its answer. */
  private static boolean lostAtTheFinalDot(Exception e) {
    return inChain(
        e, c -> c instanceof SMTPSendFailedException send && ".".equals(send.getCommand()));
  }

  private static boolean hasSmtpFailure(Exception e) {
    return inChain(
        e, c -> c instanceof SMTPAddressFailedException || c instanceof SMTPSendFailedException);
  }

  /** Whether {@code e}, or one that Angus Mail chained to it as its next exception, is a match. */
  private static boolean inChain(Exception e, Predicate<Exception> match) {
    for (Exception current = e; current != null; ) {
      if (match.test(current)) {
        return true;
      }
      current = current instanceof MessagingException m ? m.getNextException() : null;
    }
    return false;
  }

  /**
   * The SMTP reply code of a refusal (Angus Mail chains them as {@link SMTPAddressFailedException}
   * or {@link SMTPSendFailedException}); a 4xx anywhere in the chain wins over a 5xx, since the
   * reply may still go through later; -1 when there is none.
   */
  static int replyCode(Exception e) {
    int found = -1;
    Exception current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      int code = -1;
      if (current instanceof SMTPAddressFailedException address) {
        code = address.getReturnCode();
      } else if (current instanceof SMTPSendFailedException send) {
        code = send.getReturnCode();
      }
      if (code >= 400 && code < 500) {
        return code;
      }
      if (code >= 500 && code < 600) {
        found = code;
      }
      current = current instanceof MessagingException m ? m.getNextException() : null;
    }
    return found;
  }

  private static int lastReturnCode(Transport transport) {
    return transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
  }

  private static String outcome(SendResult result) {
    if (result instanceof SendResult.Rejected) {
      return "refused for good";
    }
    if (result instanceof SendResult.Deferred) {
      return "refused for now";
    }
    return result instanceof SendResult.InDoubt
        ? "in doubt (the connection broke after the message was handed over)"
        : "not sent";
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
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException e) {
      LOG.debug("mailbox={} closing SMTP connection: {}", mailbox, e.toString());
    }
  }
}
