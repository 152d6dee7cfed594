package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.store.Store;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole responder wired as {@code afterhours once} wires it, against a {@link MailServer}: an
 * owner with a Sent folder, a config file in a temporary folder (the sample hours of a studio in
 * Jakarta, the real templates from {@code config/templates}, an H2 file store unless told
 * otherwise), and {@link Mailboxes} opened on it.
 *
 * <p>Every harness has its own owner and client domains, so tests sharing one server never see each
 * other's mail.
 */
final class ResponderHarness implements AutoCloseable {
  /** Saturday night in Jakarta: closed since Friday 16:00, opens Monday 08:00. */
  static final Instant SATURDAY_NIGHT = OffsetDateTime.parse("2026-11-28T21:00+07:00").toInstant();

  /** When the passes judge "closed now": ten minutes after the mail arrived. */
  static final Instant NOW = SATURDAY_NIGHT.plus(Duration.ofMinutes(10));

  static final String MAILBOX = "work";
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final MailServer server;
  private final Path dir;
  private final String owner;
  private final String clientDomain;
  private String folders = "[\"INBOX\"]";
  private String store;
  private String pollInterval = "60s";
  private String reply = "";
  private String extra = "";
  private boolean saveToSent = true;
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private Mailboxes mailboxes;

  ResponderHarness(MailServer server, Path dir) {
    int run = RUNS.incrementAndGet();
    this.server = server;
    this.dir = dir;
    this.owner = "owner@studio" + run + ".test";
    this.clientDomain = "klien" + run + ".test";
    this.store = "url = \"jdbc:h2:file:" + hocon(dir.resolve("store").toString()) + "\"";
    server.createFolder(owner, "Sent");
  }

  /** Watch these folders instead of the INBOX; each is created for the owner. */
  ResponderHarness watching(String... folderNames) {
    StringBuilder list = new StringBuilder("[");
    for (String folder : folderNames) {
      if (!folder.equals("INBOX")) {
        server.createFolder(owner, folder);
      }
      list.append(list.length() > 1 ? ", " : "").append('"').append(folder).append('"');
    }
    folders = list.append(']').toString();
    return this;
  }

  /** The body of the config's {@code store} block, e.g. {@code url = "jdbc:postgresql://…"}. */
  ResponderHarness withStore(String storeBlock) {
    store = storeBlock;
    return this;
  }

  /** The body of the config's {@code reply} block, e.g. {@code once-per = 1h}. */
  ResponderHarness withReply(String replyBlock) {
    this.reply = "reply { " + replyBlock + " }";
    return this;
  }

  /** More of the config, inside {@code afterhours { … }}, e.g. {@code cluster.enabled = true}. */
  ResponderHarness with(String hocon) {
    extra = extra + "\n" + hocon;
    return this;
  }

  /** Whether replies are copied to Sent (and so whether a reply in doubt can be looked for). */
  ResponderHarness savingToSent(boolean save) {
    saveToSent = save;
    return this;
  }

  /** The config file the settings are written to, for a child process to read. */
  Path configFile() throws Exception {
    settings();
    return dir.resolve("afterhours-" + server.smtpPort() + ".conf");
  }

  ResponderHarness pollingEvery(String interval) {
    pollInterval = interval;
    return this;
  }

  String owner() {
    return owner;
  }

  String ownerDomain() {
    return owner.substring(owner.indexOf('@') + 1);
  }

  /** A client address on this harness's own domain, able to receive replies. */
  String client(String localPart) {
    String address = localPart + "@" + clientDomain;
    server.user(address);
    return address;
  }

  Clock clock() {
    return clock;
  }

  /** Loads the settings with the SMTP server where it really is. */
  Settings settings() throws Exception {
    return settings(server.smtpPort());
  }

  /** Loads the settings with the SMTP server at {@code smtpPort}, which may be a dead port. */
  Settings settings(int smtpPort) throws Exception {
    Path file = dir.resolve("afterhours-" + smtpPort + ".conf");
    Files.writeString(file, config(smtpPort), StandardCharsets.UTF_8);
    return new SettingsLoader(clock).load(file);
  }

  /** Opens the responder (closing one opened before), as a fresh start of the process does. */
  Mailboxes open() throws Exception {
    return open(server.smtpPort());
  }

  Mailboxes open(int smtpPort) throws Exception {
    close();
    mailboxes = Mailboxes.open(settings(smtpPort), clock, false);
    return mailboxes;
  }

  /** Opens the responder and runs the first pass, which only takes the baseline. */
  Mailboxes openWithBaseline() throws Exception {
    open();
    assertThat(pass()).as("baseline pass").isTrue();
    return mailboxes;
  }

  /** One pass over the mailbox, judging "closed now" at {@link #NOW}. */
  boolean pass() {
    return passAt(NOW);
  }

  /** One pass over the one mailbox, under its lease, with what it did. */
  PassSummary passSummary() throws Exception {
    return mailboxes.pass(mailboxes.workers().get(0), Optional.of(NOW));
  }

  /** One pass judging "now" at {@code now}. */
  boolean passAt(Instant now) {
    return mailboxes.passOnce(Optional.of(now));
  }

  Mailboxes mailboxes() {
    return mailboxes;
  }

  Store store() {
    return mailboxes.store();
  }

  /** Puts {@code mail} into the owner's INBOX as having arrived at {@code arrival}. */
  long deliver(IncomingMail mail, Instant arrival) throws Exception {
    return deliver("INBOX", mail, arrival);
  }

  long deliver(String folder, IncomingMail mail, Instant arrival) throws Exception {
    MimeMessage message = mail.build(arrival);
    return server.folder(owner, folder).appendMessage(message, new Flags(), Date.from(arrival));
  }

  /**
   * Puts a message written out as {@code rfc5322} into the owner's INBOX, its bytes as a server
   * stores them: header fields may be raw UTF-8 (RFC 6532). The message is read one char per byte
   * (no {@code mail.mime.allowutf8}), which GreenMail serves over IMAP as the same bytes.
   */
  void deliverRaw(String rfc5322, Instant arrival) throws Exception {
    MimeMessage message =
        new MimeMessage(
            jakarta.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(rfc5322.getBytes(StandardCharsets.UTF_8)));
    server.folder(owner, "INBOX").appendMessage(message, new Flags(), Date.from(arrival));
  }

  List<MimeMessage> repliesTo(String address) {
    return server.inbox(address);
  }

  List<StoredMessage> ownerMessages(String folder) {
    return server.storedIn(owner, folder);
  }

  List<DecisionRecord> history() {
    return store().decisions().history(Optional.empty(), Optional.empty(), 100);
  }

  /** The decisions about one message, newest first. */
  List<DecisionRecord> decisionsAbout(IncomingMail mail) {
    return history().stream().filter(d -> d.messageId().equals(mail.messageId())).toList();
  }

  private String config(int smtpPort) {
    return """
        afterhours {
          zone = "Asia/Jakarta"
          language = "id"
          templates = "%s"
          hours {
            monday    = ["08:00-12:00", "13:00-16:00"]
            tuesday   = ["08:00-12:00", "13:00-16:00"]
            wednesday = ["08:00-12:00", "13:00-16:00"]
            thursday  = ["08:00-12:00", "13:00-16:00"]
            friday    = ["08:00-12:00", "13:00-16:00"]
            saturday  = []
            sunday    = []
          }
          poll-interval = %s
          %s
          mailboxes = [ {
            name = "%s"
            address = "%s"
            display-name = "Studio Kopi Desain"
            folders = %s
            save-to-sent = %s
            imap { host = "127.0.0.1", port = %d, security = none, user = "%s", password = "%s" }
            # GreenMail refuses MAIL FROM:<>, so replies go out from the owner's address.
            smtp { host = "127.0.0.1", port = %d, security = none, user = "%s", password = "%s", envelope-sender = owner }
          } ]
          store { %s }
          %s
        }
        """
        .formatted(
            hocon(templates().toString()),
            pollInterval,
            reply,
            MAILBOX,
            owner,
            folders,
            saveToSent,
            server.imapPort(),
            owner,
            MailServer.PASSWORD,
            smtpPort,
            owner,
            MailServer.PASSWORD,
            store,
            extra);
  }

  /** The project's real templates (Failsafe runs in the project directory). */
  static Path templates() {
    Path templates = Path.of("config", "templates").toAbsolutePath();
    assertThat(templates).isDirectory();
    return templates;
  }

  static String hocon(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** A loopback port nobody listens on: an SMTP server that is down. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (mailboxes != null) {
      mailboxes.close();
      mailboxes = null;
    }
  }
}
