package io.afterhours.mail;

import io.afterhours.pass.HandOver;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport, asking a {@link HandOver} before the final "." of a message. Until
 * that "." the server may not take the message (RFC 5321 §4.1.1.4), so the round trips of MAIL,
 * RCPT and DATA overlap with the pass's commit of the reply's pending record. (The message's lines
 * wait in Angus's buffer with the ".": they cost no round trip.)
 *
 * <p>A refusal drops the connection: once DATA is under way, closing it is the only way to end the
 * transaction without the server taking the message. Angus closes it when {@link #finishData} fails
 * with an {@link IOException}, which {@link Withheld} is.
 */
final class HandOverTransport extends SMTPTransport {
  private HandOver handOver = HandOver.AT_ONCE;

  HandOverTransport(Session session) {
    this(session, session.getProperty("mail.transport.protocol"));
  }

  private HandOverTransport(Session session, String protocol) {
    super(
        session,
        new URLName(protocol, null, -1, null, null, null),
        protocol,
        "smtps".equals(protocol));
  }

  /**
   * Sends {@code message}, handing it over only once {@code handOver} allows.
   *
   * @throws MessagingException as {@link #sendMessage(Message, Address[])}; one caused by {@link
   *     Withheld} when {@code handOver} refused
   */
  synchronized void sendMessage(Message message, Address[] to, HandOver handOver)
      throws MessagingException {
    this.handOver = handOver;
    try {
      sendMessage(message, to);
    } finally {
      this.handOver = HandOver.AT_ONCE;
    }
  }

  @Override
  protected void finishData() throws IOException, MessagingException {
    askHandOver();
    super.finishData();
  }

  @Override
  protected void finishBdat() throws IOException, MessagingException {
    askHandOver();
    super.finishBdat();
  }

  private void askHandOver() throws Withheld {
    if (!handOver.allowed()) {
      throw new Withheld();
    }
  }

  /** The message was not handed over because its {@link HandOver} refused. */
  static final class Withheld extends IOException {
    private static final long serialVersionUID = 1L;

    Withheld() {
      super("withheld before its final \".\": the connection is dropped so the server drops it");
    }
  }
}
