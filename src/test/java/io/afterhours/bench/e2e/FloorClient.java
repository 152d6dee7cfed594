package io.afterhours.bench.e2e;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The least a correct responder must do, as the yardstick of the end-to-end benchmark: one UID
 * FETCH of the header fields of the new messages, the RFC 3834 checks that need no state (null
 * sender, Auto-Submitted, Precedence, List-*), and one reply each over one SMTP connection, with
 * the null envelope sender where the server takes it. No store, no schedule, no templates, no copy
 * to Sent: what afterhours does beyond this is its overhead.
 *
 * <p>{@code once}: answers the messages above a UID and exits. {@code idle}: watches the folder
 * with IDLE and answers new mail until {@code expected} replies went out.
 */
public final class FloorClient {
  private final Session session;
  private final String[] args;
  private long lastUid;
  private int sent;

  private FloorClient(String[] args) {
    this.args = args;
    Properties props = new Properties();
    props.put("mail.imap.peek", "true");
    // The null sender where the server takes it, else the mailbox's own address.
    props.put("mail.smtp.from", args[7].isEmpty() ? args[2] : args[7]);
    this.session = Session.getInstance(props);
    this.lastUid = Long.parseLong(args[8]);
  }

  /**
   * Arguments: {@code once|idle imapPort user password smtpPort host folder envelopeFrom afterUid
   * [expected]}.
   */
  public static void main(String[] args) throws Exception {
    FloorClient client = new FloorClient(args);
    client.run(args[0].equals("idle") ? Integer.parseInt(args[9]) : -1);
    System.out.println("floor: sent " + client.sent);
  }

  private void run(int expected) throws Exception {
    Store store = session.getStore("imap");
    store.connect(args[5], Integer.parseInt(args[1]), args[2], args[3]);
    IMAPFolder folder = (IMAPFolder) store.getFolder(args[6]);
    folder.open(Folder.READ_ONLY);
    Transport smtp = session.getTransport("smtp");
    smtp.connect(args[5], Integer.parseInt(args[4]), null, null);
    try {
      answerNew(folder, smtp);
      System.out.println("floor: ready");
      System.out.flush();
      while (expected >= 0 && sent < expected) {
        try {
          folder.idle(true);
        } catch (jakarta.mail.MessagingException e) {
          System.out.println("floor: IDLE ended (" + e + "), opening the folder again");
          folder = (IMAPFolder) store.getFolder(args[6]); // the server hung up: again
          folder.open(Folder.READ_ONLY);
        }
        // Mail announced while answering is not announced again: look until nothing is new.
        while (answerNew(folder, smtp) > 0) {
          // again
        }
      }
    } finally {
      smtp.close();
      folder.close(false);
      store.close();
    }
  }

  /** Answers the messages above the last UID seen; how many there were. */
  private int answerNew(IMAPFolder folder, Transport smtp) throws MessagingException {
    Message[] fresh = folder.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
    FetchProfile headers = new FetchProfile();
    headers.add(UIDFolder.FetchProfileItem.UID);
    headers.add(IMAPFolder.FetchProfileItem.HEADERS);
    folder.fetch(fresh, headers);
    int found = 0;
    for (Message message : fresh) {
      long uid = folder.getUID(message);
      if (uid <= lastUid) {
        continue;
      }
      lastUid = uid;
      found++;
      InternetAddress to = recipient(message);
      if (to != null) {
        smtp.sendMessage(reply(message, to), new InternetAddress[] {to});
        sent++;
      }
    }
    return found;
  }

  /** RFC 3834 §2 and §4: who gets a reply, if anyone. */
  private static InternetAddress recipient(Message message) throws MessagingException {
    String[] returnPath = message.getHeader("Return-Path");
    if (returnPath != null && returnPath[0].replace(" ", "").equals("<>")) {
      return null;
    }
    String auto = first(message, "Auto-Submitted");
    String precedence = first(message, "Precedence").toLowerCase(Locale.ROOT);
    if ((!auto.isEmpty() && !auto.equalsIgnoreCase("no"))
        || precedence.matches("bulk|junk|list")
        || message.getHeader("List-Id") != null
        || message.getHeader("List-Unsubscribe") != null) {
      return null;
    }
    String from =
        returnPath != null
            ? returnPath[0]
            : message.getFrom() == null ? null : message.getFrom()[0].toString();
    return from == null ? null : new InternetAddress(from.replaceAll("[<>]", "").trim());
  }

  private static String first(Message message, String name) throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null ? "" : values[0].trim();
  }

  private MimeMessage reply(Message original, InternetAddress to) throws MessagingException {
    MimeMessage reply = new MimeMessage(session);
    reply.setFrom(new InternetAddress(args[2].contains("@") ? args[2] : args[2] + "@localhost"));
    reply.setRecipient(Message.RecipientType.TO, to);
    reply.setSubject("Auto: " + original.getSubject(), "UTF-8");
    String[] id = original.getHeader("Message-ID");
    if (id != null) {
      reply.setHeader("In-Reply-To", id[0]);
      reply.setHeader("References", id[0]);
    }
    reply.setHeader("Auto-Submitted", "auto-replied");
    reply.setText("Thank you; we are closed and will answer when we open.", "UTF-8");
    return reply;
  }
}
