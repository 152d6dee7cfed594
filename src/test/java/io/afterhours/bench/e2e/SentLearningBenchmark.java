package io.afterhours.bench.e2e;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import io.afterhours.daemon.Mailboxes;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

/**
 * The first learning pass of {@code reply.only-to = correspondents} over a Sent folder of many
 * messages (GreenMail in this JVM, on loopback), then a pass with nothing new and a pass with one
 * new sent message: each the wall time of {@code Mailboxes.passOnce} over one mailbox (the
 * learning, then the INBOX), on a fresh H2 store per round. Run with {@code scripts/benchmark sent
 * [--messages 5000] [--rounds 3]}.
 */
public final class SentLearningBenchmark {
  private static final String OWNER = "owner@studio.test";

  public static void main(String[] args) throws Exception {
    int messages = Integer.parseInt(option(args, "messages", "5000"));
    int rounds = Integer.parseInt(option(args, "rounds", "3"));
    Random random = new Random(42);
    for (int round = 1; round <= rounds; round++) {
      GreenMail greenMail =
          new GreenMail(
              new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
              });
      greenMail.start();
      try {
        GreenMailUser user = greenMail.setUser(OWNER, OWNER, "secret");
        MailFolder sent = greenMail.getManagers().getImapHostManager().createMailbox(user, "Sent");
        for (int i = 0; i < messages; i++) {
          append(sent, i, random);
        }
        Path work = Files.createTempDirectory("afterhours-sent");
        Settings settings = new SettingsLoader(Clock.systemUTC()).load(config(work, greenMail));
        long floor = floor(greenMail);
        try (Mailboxes mailboxes = Mailboxes.open(settings, Clock.systemUTC(), false)) {
          long first = timed(mailboxes);
          long nothingNew = timed(mailboxes);
          append(sent, messages, random);
          long oneNew = timed(mailboxes);
          System.out.printf(
              "round %d: %d sent messages, %d correspondents learned; first pass %d ms (floor: one"
                  + " FETCH of the same fields of every message %d ms), pass with nothing new %d ms,"
                  + " pass with one new sent message %d ms; heap used %d MB%n",
              round,
              messages,
              correspondents(mailboxes),
              first,
              floor,
              nothingNew,
              oneNew,
              (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
      } finally {
        greenMail.stop();
      }
    }
  }

  /**
   * What the server itself costs: a plain Jakarta Mail client opens Sent and fetches UID,
   * INTERNALDATE and the five header fields of every message in one FETCH.
   */
  private static long floor(GreenMail greenMail) throws Exception {
    long start = System.nanoTime();
    try (jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", greenMail.getImap().getPort(), OWNER, "secret");
      jakarta.mail.Folder sent = store.getFolder("Sent");
      sent.open(jakarta.mail.Folder.READ_ONLY);
      jakarta.mail.FetchProfile fields = new jakarta.mail.FetchProfile();
      fields.add(jakarta.mail.UIDFolder.FetchProfileItem.UID);
      fields.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.INTERNALDATE);
      for (String field : new String[] {"To", "Cc", "Bcc", "Auto-Submitted", "Message-ID"}) {
        fields.add(field);
      }
      sent.fetch(sent.getMessages(), fields);
      sent.close(false);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long timed(Mailboxes mailboxes) {
    long start = System.nanoTime();
    if (!mailboxes.passOnce(Optional.empty())) {
      throw new IllegalStateException("the pass failed; see the log");
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A message the owner wrote: one to three of 800 clients in To, sometimes Cc and Bcc. */
  private static void append(MailFolder sent, int i, Random random) throws Exception {
    StringBuilder headers = new StringBuilder();
    headers.append("From: Studio Kopi <").append(OWNER).append(">\r\n");
    headers.append("To: ").append(client(random));
    for (int more = random.nextInt(3); more > 0; more--) {
      headers.append(", ").append(client(random));
    }
    headers.append("\r\n");
    if (random.nextInt(4) == 0) {
      headers.append("Cc: ").append(client(random)).append("\r\n");
    }
    if (random.nextInt(10) == 0) {
      headers.append("Bcc: ").append(client(random)).append("\r\n");
    }
    headers
        .append("Message-ID: <sent")
        .append(i)
        .append(".")
        .append(random.nextLong())
        .append("@mail.studio.test>\r\n")
        .append("Subject: Re: revisi desain nomor ")
        .append(i)
        .append("\r\nDate: Mon, 2 Nov 2026 09:00:00 +0700\r\n")
        .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
        .append("Halo, terlampir revisi berikutnya. ".repeat(100))
        .append("\r\n");
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(headers.toString().getBytes(StandardCharsets.UTF_8)));
    sent.appendMessage(message, new Flags(Flags.Flag.SEEN), Date.from(Instant.now()));
  }

  private static String client(Random random) {
    int n = random.nextInt(800);
    return "Klien " + n + " <klien" + n + "@mitra" + (n % 40) + ".test>";
  }

  private static long correspondents(Mailboxes mailboxes) throws Exception {
    try (Connection c = mailboxes.store().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet row = s.executeQuery("SELECT COUNT(*) FROM correspondent")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static Path config(Path work, GreenMail greenMail) throws Exception {
    Path config = work.resolve("sent.conf");
    Files.writeString(
        config,
        """
        afterhours {
          zone = "Asia/Jakarta"
          templates = "%s"
          reply.only-to = correspondents
          mailboxes = [ {
            name = "studio", address = "%s"
            imap { host = "127.0.0.1", port = %d, security = none, password = "secret" }
            smtp { host = "127.0.0.1", port = %d, security = none, password = "secret" }
          } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(),
                OWNER,
                greenMail.getImap().getPort(),
                greenMail.getSmtp().getPort(),
                work.resolve("data/afterhours")));
    return config;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--" + name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
