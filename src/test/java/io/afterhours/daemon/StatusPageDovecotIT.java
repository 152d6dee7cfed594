package io.afterhours.daemon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The status page's browser test on a real Dovecot (IMAP, Sent folder) and Postfix (SMTP), as
 * {@code scripts/try-dovecot-postfix.sh} sets them up on 127.0.0.1: client mail goes through
 * Postfix to the trial user {@code owner}, and the replies, sent with a null envelope sender, come
 * back through Postfix to the Maildir of the user {@code sink}, which takes every
 * {@code @sink.test} address. Skipped, saying so, where those servers are not there (CI, a
 * developer's laptop).
 */
class StatusPageDovecotIT extends StatusPageFlow {
  private static final String OWNER = "owner@afterhours.test";
  private static final Path SINK = Path.of("/home/sink/Maildir");
  private final Session session = Session.getInstance(smtp());

  private static Properties smtp() {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", "25");
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "10000");
    return properties;
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  Path startMail(Path dir, String office) throws Exception {
    assumeTrue(
        listening(143) && listening(25) && Files.isDirectory(SINK.resolve("new")),
        "StatusPageDovecotIT needs Dovecot on 127.0.0.1:143, Postfix on 127.0.0.1:25 and the"
            + " trial user sink's Maildir (/home/sink/Maildir), as scripts/try-dovecot-postfix.sh"
            + " sets them up: not there, so the page is not tried on real mail servers here");
    Path config = dir.resolve("afterhours.conf");
    Files.writeString(
        config,
        """
        afterhours {
          templates = "%s"
          poll-interval = 1s
          %s
          mailboxes = [ {
            name = "%s"
            address = "%s"
            display-name = "Owner (trial)"
            folders = ["INBOX"]
            save-to-sent = true
            imap { host = "127.0.0.1", port = 143, security = none, user = "%s", password = "owner-secret" }
            smtp { host = "127.0.0.1", port = 25, security = none }
          } ]
          store { url = "jdbc:h2:file:%s" }
        }
        """
            .formatted(
                ResponderHarness.hocon(ResponderHarness.templates().toString()),
                office,
                MAILBOX,
                OWNER,
                OWNER,
                ResponderHarness.hocon(dir.resolve("data").resolve("afterhours").toString())));
    return config;
  }

  @Override
  String owner() {
    return OWNER;
  }

  /** A new address on the sink's catch-all domain. */
  @Override
  String client(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@sink.test";
  }

  /** Through Postfix, as a client's mail program would send it: the envelope is the client's. */
  @Override
  void deliver(IncomingMail mail) throws Exception {
    MimeMessage message = mail.build(Instant.now());
    Properties properties = smtp();
    properties.put("mail.smtp.from", ((InternetAddress) message.getFrom()[0]).getAddress());
    try (Transport transport = Session.getInstance(properties).getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, new Address[] {new InternetAddress(OWNER)});
    }
  }

  /** The messages in the sink's Maildir addressed to {@code address}, oldest first. */
  @Override
  List<MimeMessage> repliesTo(String address) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String sub : List.of("new", "cur")) {
      try (Stream<Path> listed = Files.list(SINK.resolve(sub))) {
        listed.forEach(files::add);
      }
    }
    files.sort(Comparator.comparing(StatusPageDovecotIT::modified));
    List<MimeMessage> replies = new ArrayList<>();
    for (Path file : files) {
      MimeMessage message;
      try (InputStream in = Files.newInputStream(file)) {
        message = new MimeMessage(session, in);
      } catch (java.nio.file.NoSuchFileException e) {
        continue; // moved from new/ to cur/ meanwhile: found there next time
      }
      String[] to = message.getHeader("To");
      if (to != null && Arrays.stream(to).anyMatch(t -> t.contains(address))) {
        replies.add(message);
      }
    }
    return replies;
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  void stopMail() {
    // the servers are the machine's; each run uses addresses of its own
  }
}
