package io.afterhours.bench.e2e;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.angus.mail.imap.IMAPFolder;

/** A mail server on loopback for the end-to-end benchmark: its accounts and its replies. */
interface BenchServer extends AutoCloseable {
  String name();

  int imapPort();

  int smtpPort();

  /** The mailbox afterhours answers for. */
  Account owner();

  /** Another mailbox, for the floor client, so that neither answers the other's mail. */
  Account floorOwner();

  /** A mailbox on the server: address, login and password. */
  record Account(String address, String login, String password) {}

  /**
   * A mailbox whose mail the server's own Sieve (Pigeonhole) runs through at delivery, so that its
   * vacation action can be timed beside afterhours; empty where the server has none.
   */
  default Optional<Account> sieveVacation() {
    return Optional.empty();
  }

  /** The MAIL FROM of replies: the null sender where the server takes it. */
  String envelope();

  /** Makes {@code addresses} able to receive replies. */
  void prepare(List<String> addresses);

  /** How many replies each address has received so far. */
  Map<String, Integer> replies(List<String> addresses) throws IOException;

  /** The INBOX's next UID: every message from now on has a UID at or above it. */
  default long uidNext(Account account) throws Exception {
    Properties props = new Properties();
    Store store = Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", imapPort(), account.login(), account.password());
    try {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      long next = inbox.getUIDNext();
      inbox.close(false);
      return next;
    } finally {
      store.close();
    }
  }

  @Override
  void close();

  /** GreenMail in this JVM: always there; its SMTP refuses the null sender. */
  final class InProcess implements BenchServer {
    private final GreenMail greenMail;

    InProcess() {
      greenMail =
          new GreenMail(
              new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
              });
      greenMail.start();
      for (Account account : List.of(owner(), floorOwner())) {
        greenMail.setUser(account.address(), account.login(), account.password());
        try {
          greenMail
              .getManagers()
              .getImapHostManager()
              .createMailbox(greenMail.getUserManager().getUser(account.login()), "Sent");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    public String name() {
      return "GreenMail (in-process)";
    }

    @Override
    public int imapPort() {
      return greenMail.getImap().getPort();
    }

    @Override
    public int smtpPort() {
      return greenMail.getSmtp().getPort();
    }

    @Override
    public Account owner() {
      return new Account("owner@bench.test", "owner@bench.test", "owner-secret");
    }

    @Override
    public Account floorOwner() {
      return new Account("floor@bench.test", "floor@bench.test", "floor-secret");
    }

    @Override
    public String envelope() {
      return ""; // GreenMail refuses MAIL FROM:<>: replies go out from the mailbox's address
    }

    @Override
    public void prepare(List<String> addresses) {
      for (String address : addresses) {
        greenMail.setUser(address, address, "x");
      }
    }

    @Override
    public Map<String, Integer> replies(List<String> addresses) {
      Map<String, Integer> counts = new HashMap<>();
      for (String address : addresses) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        int count = 0;
        try {
          count =
              user == null
                  ? 0
                  : greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
        } catch (Exception e) {
          count = 0;
        }
        counts.put(address, count);
      }
      return counts;
    }

    @Override
    public void close() {
      greenMail.stop();
    }
  }

  /**
   * Dovecot and Postfix on 127.0.0.1 as {@code scripts/try-dovecot-postfix.sh} sets them up:
   * replies to {@code @sink.test} land in the Maildir of the user {@code sink}.
   */
  final class Dovecot implements BenchServer {
    private static final Path SINK = Path.of("/home/sink/Maildir/new");
    private static final Path TRANSPORT = Path.of("/etc/postfix/transport");
    private static final Account VACATION =
        new Account("vacation@afterhours.test", "vacation@afterhours.test", "vacation-secret");
    private static final Pattern TO =
        Pattern.compile("(?m)^To: .*?<?([^<>\\s]+@sink\\.test)>?\\s*$");

    /** Whether Dovecot, Postfix and the sink are there. */
    static boolean available() {
      return listening(143) && listening(25) && Files.isDirectory(SINK);
    }

    /**
     * The user vacation where try-dovecot-postfix.sh set it up: Postfix hands its mail to Dovecot
     * LMTP (its transport_maps entry), and ManageSieve takes the script to run.
     */
    @Override
    public Optional<Account> sieveVacation() {
      return deliveredByLmtp(VACATION.address()) && listening(4190)
          ? Optional.of(VACATION)
          : Optional.empty();
    }

    private static boolean deliveredByLmtp(String address) {
      try {
        return Files.readAllLines(TRANSPORT).stream()
            .map(line -> line.trim().split("\\s+"))
            .anyMatch(f -> f.length == 2 && f[0].equals(address) && f[1].startsWith("lmtp:"));
      } catch (IOException e) {
        return false;
      }
    }

    private static boolean listening(int port) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public String name() {
      return "Dovecot + Postfix";
    }

    @Override
    public int imapPort() {
      return 143;
    }

    @Override
    public int smtpPort() {
      return 25;
    }

    @Override
    public Account owner() {
      return new Account("owner@afterhours.test", "owner@afterhours.test", "owner-secret");
    }

    @Override
    public Account floorOwner() {
      return new Account("client@afterhours.test", "client@afterhours.test", "client-secret");
    }

    @Override
    public String envelope() {
      return "<>";
    }

    @Override
    public void prepare(List<String> addresses) {
      // the catch-all takes every @sink.test address
    }

    /**
     * The recipient of each reply file read so far: Maildir files appear whole (written in tmp/,
     * then renamed), so each is read once, and polling a sink of thousands costs the responders
     * under test little CPU.
     */
    private final Map<Path, String> readTo = new HashMap<>();

    @Override
    public Map<String, Integer> replies(List<String> addresses) throws IOException {
      Map<String, Integer> counts = new HashMap<>();
      addresses.forEach(a -> counts.put(a, 0));
      try (Stream<Path> files = Files.list(SINK)) {
        for (Path file : files.toList()) {
          String to = readTo.computeIfAbsent(file, Dovecot::recipient);
          if (to != null) {
            counts.computeIfPresent(to, (a, n) -> n + 1);
          }
        }
      }
      return counts;
    }

    /** The @sink.test address a reply went to; null (and read again) if it cannot be read yet. */
    private static String recipient(Path file) {
      Matcher to = TO.matcher(head(file));
      return to.find() ? to.group(1) : null;
    }

    private static String head(Path file) {
      try {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        return end < 0 ? text : text.substring(0, end);
      } catch (IOException e) {
        return ""; // moved or half-written: counted on the next look
      }
    }

    @Override
    public void close() {}
  }

  /** Sends one plain after-hours mail from {@code from} to the owner's address. */
  static MimeMessage mail(Session session, String from, String to, String subject)
      throws Exception {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipients(MimeMessage.RecipientType.TO, to);
    message.setSubject(subject, "UTF-8");
    message.setText("A question for you, after hours.", "UTF-8");
    message.saveChanges();
    return message;
  }
}
