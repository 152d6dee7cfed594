package io.afterhours.daemon;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * GreenMail (SMTP and IMAP) on 127.0.0.1 with ports the system picks, shared by the tests of one
 * class; each test keeps to its own users, so nothing leaks from one test into the next.
 */
final class MailServer implements AutoCloseable {
  static final String PASSWORD = "it-only";

  private final GreenMail greenMail;

  private MailServer(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  static MailServer start() {
    GreenMail greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
            });
    greenMail.start();
    return new MailServer(greenMail);
  }

  int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  int imapPort() {
    return greenMail.getImap().getPort();
  }

  ImapHostManager imap() {
    return greenMail.getManagers().getImapHostManager();
  }

  /** The user with this address (login = address), created on first use. */
  GreenMailUser user(String address) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
    return user != null ? user : greenMail.setUser(address, address, PASSWORD);
  }

  MailFolder folder(String address, String folder) {
    try {
      if (folder.equals("INBOX")) {
        return imap().getInbox(user(address));
      }
      return imap().getFolder(user(address), folder, true);
    } catch (FolderException e) {
      throw new IllegalStateException("no folder " + folder + " for " + address, e);
    }
  }

  MailFolder createFolder(String address, String folder) {
    try {
      return imap().createMailbox(user(address), folder);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create " + folder + " for " + address, e);
    }
  }

  void deleteFolder(String address, String folder) {
    try {
      imap().deleteMailbox(user(address), folder);
    } catch (Exception e) {
      throw new IllegalStateException("cannot delete " + folder + " for " + address, e);
    }
  }

  /** What this address has received over SMTP, oldest first. */
  List<MimeMessage> inbox(String address) {
    return storedIn(address, "INBOX").stream().map(StoredMessage::getMimeMessage).toList();
  }

  List<StoredMessage> storedIn(String address, String folder) {
    if (greenMail.getUserManager().getUserByEmail(address) == null) {
      return List.of();
    }
    return folder(address, folder).getMessages();
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
