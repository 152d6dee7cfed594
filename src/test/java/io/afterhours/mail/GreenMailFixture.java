package io.afterhours.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.afterhours.mail.ServerSettings.Security;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/** A GreenMail server on loopback with dynamic ports, one user, and a plain client beside it. */
final class GreenMailFixture implements AutoCloseable {
  static final String ADDRESS = "me@example.com";
  static final String LOGIN = "me";
  static final String PASSWORD = "secret";

  final GreenMail server;

  GreenMailFixture() {
    server =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
            });
    server.start();
    server.setUser(ADDRESS, LOGIN, PASSWORD);
  }

  ServerSettings imapSettings() {
    return settings(server.getImap().getPort());
  }

  ServerSettings smtpSettings() {
    return settings(server.getSmtp().getPort());
  }

  static ServerSettings settings(int port) {
    return settings(port, PASSWORD);
  }

  /** The user's login on {@code port} with this password, e.g. a wrong one. */
  static ServerSettings settings(int port, String password) {
    return new ServerSettings(
        "127.0.0.1", port, Security.NONE, LOGIN, Secret.of(password), Optional.empty(), false);
  }

  /** Delivers a raw RFC 5322 message (CRLF or LF lines) to the user's INBOX. */
  void deliver(String rfc5322) throws MessagingException {
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(rfc5322.getBytes(StandardCharsets.UTF_8)));
    server.getUserManager().getUser(LOGIN).deliver(message);
  }

  /** Puts a raw message into the user's INBOX with this INTERNALDATE, as a mail migration would. */
  void deliverArrivedAt(String rfc5322, Instant arrival) throws Exception {
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(rfc5322.getBytes(StandardCharsets.UTF_8)));
    var user = server.getUserManager().getUser(LOGIN);
    server
        .getManagers()
        .getImapHostManager()
        .getInbox(user)
        .appendMessage(message, new Flags(), Date.from(arrival));
  }

  /**
   * Appends {@code rfc5322} to the user's INBOX so that IMAP serves it byte for byte: header fields
   * may be raw UTF-8 (RFC 6532), as a Dovecot mailbox holds them.
   *
   * <p>Not over IMAP APPEND: GreenMail parses an APPEND literal as UTF-8 and writes FETCH responses
   * in ISO-8859-1, so every other character would come back as '?'. A message read without {@code
   * mail.mime.allowutf8} holds one char per byte, which GreenMail writes back as the same bytes.
   */
  void appendRaw(byte[] rfc5322) throws Exception {
    MimeMessage message =
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rfc5322));
    var user = server.getUserManager().getUser(LOGIN);
    server
        .getManagers()
        .getImapHostManager()
        .getInbox(user)
        .appendMessage(message, new Flags(), new Date());
  }

  /** An independent IMAP client connection, to look at the mailbox as a mail client would. */
  Store client() throws MessagingException {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", server.getImap().getPort(), LOGIN, PASSWORD);
    return store;
  }

  void createFolder(String name) throws MessagingException {
    try (Store store = client()) {
      store.getFolder(name).create(Folder.HOLDS_MESSAGES);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
