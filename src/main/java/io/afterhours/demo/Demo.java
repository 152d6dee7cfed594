package io.afterhours.demo;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.afterhours.config.InvalidConfigException;
import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.ClosureReason;
import io.afterhours.schedule.Schedule;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code afterhours demo}: a whole round trip on an embedded mail server (GreenMail on loopback,
 * dynamic ports). An owner and two clients; a client's mail, a mailing-list mail and another
 * responder's auto-reply arrive at a closed time; one pass runs; the decisions and the reply the
 * client received are printed. Nothing outside a temporary folder is touched.
 */
public final class Demo {
  static final String OWNER = "owner@studio.test";
  static final String CLIENT = "budi@klien.test";
  static final String OTHER_CLIENT = "ani@klien.test";
  private static final String PASSWORD = "demo-only";
  private static final java.time.format.DateTimeFormatter ISO =
      java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final Path sampleConfig;
  private final Clock clock;
  private final PrintWriter out;

  public Demo(Path sampleConfig, Clock clock, PrintWriter out) {
    this.sampleConfig = sampleConfig.toAbsolutePath();
    this.clock = clock;
    this.out = out;
  }

  /** Runs the demo; true when the client got exactly one reply and the other two were skipped. */
  public boolean run() throws Exception {
    Path dir = Files.createTempDirectory("afterhours-demo");
    GreenMail mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
            });
    mail.start();
    try {
      GreenMailUser owner = mail.setUser(OWNER, OWNER, PASSWORD);
      GreenMailUser client = mail.setUser(CLIENT, CLIENT, PASSWORD);
      GreenMailUser otherClient = mail.setUser(OTHER_CLIENT, OTHER_CLIENT, PASSWORD);
      ImapHostManager imap = mail.getManagers().getImapHostManager();
      imap.createMailbox(owner, "Sent");
      Settings settings = load(writeConfig(dir, mail));
      out.printf(
          "Embedded mail server on 127.0.0.1 (IMAP %d, SMTP %d); owner %s%n",
          mail.getImap().getPort(), mail.getSmtp().getPort(), OWNER);
      return roundTrip(settings, owner, List.of(client, otherClient), imap);
    } finally {
      mail.stop();
      deleteQuietly(dir);
    }
  }

  private boolean roundTrip(
      Settings settings, GreenMailUser owner, List<GreenMailUser> clients, ImapHostManager imap)
      throws Exception {
    Schedule schedule = settings.office().schedule();
    Instant arrival = closedInstantBefore(schedule, clock.instant());
    Instant evaluatedAt = arrival.plus(Duration.ofMinutes(10));
    try (Mailboxes mailboxes = Mailboxes.open(settings, clock, false)) {
      // First start: the baseline is taken, so mail already in the inbox is never answered.
      mailboxes.passOnce(Optional.of(evaluatedAt));
      for (MimeMessage message : sampleMail(arrival)) {
        imap.getInbox(owner).appendMessage(message, new Flags(), Date.from(arrival));
      }
      out.printf(
          "Three messages arrive at %s (office closed); one pass runs as of %s%n%n",
          ISO.format(arrival.atZone(schedule.zone())),
          ISO.format(evaluatedAt.atZone(schedule.zone())));
      boolean passed = mailboxes.passOnce(Optional.of(evaluatedAt));
      List<DecisionRecord> decisions =
          mailboxes.store().decisions().history(Optional.empty(), Optional.empty(), 10);
      printDecisions(decisions);
      List<MimeMessage> replies = new ArrayList<>();
      for (GreenMailUser client : clients) {
        imap.getInbox(client).getMessages().forEach(m -> replies.add(m.getMimeMessage()));
      }
      printReplies(replies);
      long skips =
          decisions.stream().filter(d -> d.decision() == DecisionRecord.Outcome.SKIP).count();
      return passed && replies.size() == 1 && skips == 2;
    }
  }

  private Settings load(Path config) throws InvalidConfigException {
    return new SettingsLoader(clock).load(config);
  }

  private Path writeConfig(Path dir, GreenMail mail) throws IOException {
    Path templates = sampleConfig.resolveSibling("templates");
    String config =
        """
        include file("%s")
        afterhours {
          templates = "%s"
          mailboxes = [ {
            name = "demo"
            address = "%s"
            display-name = "Studio Kopi Desain"
            imap { host = "127.0.0.1", port = %d, security = none, user = "%s", password = "%s" }
            # GreenMail refuses a null MAIL FROM, so the demo sends from the owner's address.
            smtp { host = "127.0.0.1", port = %d, security = none, user = "%s", password = "%s", envelope-sender = owner }
          } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                json(sampleConfig.toString()),
                json(templates.toString()),
                OWNER,
                mail.getImap().getPort(),
                OWNER,
                PASSWORD,
                mail.getSmtp().getPort(),
                OWNER,
                PASSWORD,
                json(dir.resolve("store").toString()));
    Path file = dir.resolve("afterhours.conf");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    return file;
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * An instant in the most recent night or weekend before {@code now}, so that the demo shows a
   * reply whatever the hour it is run.
   */
  static Instant closedInstantBefore(Schedule schedule, Instant now) {
    List<ClosedWindow> closures = schedule.closures(now.minus(Duration.ofDays(14)), now);
    for (int i = closures.size() - 1; i >= 0; i--) {
      ClosedWindow window = closures.get(i);
      boolean ordinary =
          window.reason() != ClosureReason.HOLIDAY && window.reason() != ClosureReason.AWAY;
      Instant candidate = window.from().plus(Duration.ofHours(1));
      if (ordinary && candidate.plus(Duration.ofMinutes(10)).isBefore(window.until())) {
        return candidate;
      }
    }
    return now.minus(Duration.ofMinutes(30));
  }

  private static List<MimeMessage> sampleMail(Instant sent) throws MessagingException {
    Session session = Session.getInstance(new Properties());
    MimeMessage client =
        message(
            session, "Budi Santoso <" + CLIENT + ">", "Revisi logo", "<demo-1@klien.test>", sent);
    client.setText("Halo, bisa minta revisi logo untuk presentasi Senin?", "UTF-8");
    MimeMessage list =
        message(
            session,
            "Kabar Desain <news@lists.example>",
            "Kabar Desain #48",
            "<demo-2@lists.example>",
            sent);
    list.setHeader("List-Id", "Kabar Desain <kabar.lists.example>");
    list.setHeader("Precedence", "list");
    list.setText("Berita mingguan.", "UTF-8");
    MimeMessage autoReply =
        message(
            session,
            "Ani <" + OTHER_CLIENT + ">",
            "Out of office: Jadwal rapat",
            "<demo-3@klien.test>",
            sent);
    autoReply.setHeader("Auto-Submitted", "auto-replied");
    autoReply.setText("I am out of the office until Monday.", "UTF-8");
    return List.of(client, list, autoReply);
  }

  private static MimeMessage message(
      Session session, String from, String subject, String id, Instant sent)
      throws MessagingException {
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
          }
        };
    message.setFrom(new InternetAddress(from));
    message.setRecipients(Message.RecipientType.TO, OWNER);
    message.setSubject(subject, "UTF-8");
    message.setSentDate(Date.from(sent));
    message.saveChanges();
    return message;
  }

  private void printDecisions(List<DecisionRecord> decisions) {
    out.println("Decisions:");
    out.printf("  %-5s %-30s %-7s %s%n", "UID", "FROM", "OUTCOME", "REASON");
    decisions.stream()
        .sorted(Comparator.comparingLong(DecisionRecord::uid))
        .forEach(
            d ->
                out.printf(
                    "  %-5d %-30s %-7s %s%n", d.uid(), d.from(), d.decision().code(), d.reason()));
    out.println();
  }

  private void printReplies(List<MimeMessage> replies) throws MessagingException, IOException {
    out.printf("Replies received by the clients: %d%n", replies.size());
    for (MimeMessage reply : replies) {
      out.println("----------------------------------------------------------------------");
      for (String header :
          List.of(
              "From",
              "To",
              "Subject",
              "Auto-Submitted",
              "X-Auto-Response-Suppress",
              "In-Reply-To")) {
        String value = reply.getHeader(header, ", ");
        out.printf(
            "%s: %s%n",
            header, value == null ? "" : jakarta.mail.internet.MimeUtility.decodeText(value));
      }
      out.println();
      out.println(textOf(reply));
    }
    out.println("----------------------------------------------------------------------");
    out.flush();
  }

  private static String textOf(MimeMessage message) throws MessagingException, IOException {
    Object content = message.getContent();
    if (content instanceof String text) {
      return text.strip();
    }
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        if (multipart.getBodyPart(i).isMimeType("text/plain")) {
          return String.valueOf(multipart.getBodyPart(i).getContent()).strip();
        }
      }
    }
    return "(no text part)";
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
