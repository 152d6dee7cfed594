package io.afterhours.cli;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.mail.ConnectionProblem;
import io.afterhours.mail.ImapMailbox;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.SmtpReplySender;
import io.afterhours.pass.FolderSnapshot;
import java.io.PrintWriter;
import java.time.Clock;

/** Logs in to every configured IMAP and SMTP server and says how each went. */
final class ServerCheck {
  private final PrintWriter out;
  private final Clock clock;

  ServerCheck(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** True when every server answered and accepted the login. */
  boolean checkAll(Settings settings) {
    boolean allGood = true;
    for (MailboxSettings mailbox : settings.mailboxes()) {
      allGood &= checkImap(mailbox);
      allGood &= checkSmtp(mailbox);
    }
    out.flush();
    return allGood;
  }

  private boolean checkImap(MailboxSettings mailbox) {
    String what = "mailbox " + mailbox.name() + ": IMAP " + mailbox.imap().endpoint();
    try (ImapMailbox imap = new ImapMailbox(mailbox.name(), mailbox.imap(), clock)) {
      for (String folder : mailbox.folders()) {
        FolderSnapshot snapshot = imap.fetchNew(folder, 0, 0);
        out.printf(
            "%s: ok, folder %s has UIDVALIDITY %d, next UID %d%n",
            what, folder, snapshot.uidValidity(), snapshot.uidNext());
      }
      if (mailbox.saveToSent()) {
        out.printf(
            "%s: Sent folder %s%n",
            what, imap.sentFolder().orElse("not found (replies will not be copied)"));
      }
      return true;
    } catch (Exception e) {
      out.printf("%s: FAILED: %s%n", what, why(e, "IMAP", mailbox.imap()));
      return false;
    }
  }

  /**
   * What is wrong and what to do ({@link ConnectionProblem}), after {@code what} has named the
   * mailbox and the server; else the failure's own words.
   */
  private static String why(Exception e, String service, ServerSettings server) {
    return ConnectionProblem.of(e, service, server)
        .map(ConnectionProblem::toString)
        .orElse(String.valueOf(e.getMessage()));
  }

  private boolean checkSmtp(MailboxSettings mailbox) {
    String what = "mailbox " + mailbox.name() + ": SMTP " + mailbox.smtp().endpoint();
    try {
      new SmtpReplySender(mailbox.name(), mailbox.smtp(), mailbox.envelopeSender()).checkLogin();
      out.printf(
          "%s: ok%s%n",
          what,
          mailbox.smtp().logsIn()
              ? ""
              : " (no login: the smtp block has no password, so the server must relay for this"
                  + " machine's address)");
      return true;
    } catch (Exception e) {
      out.printf("%s: FAILED: %s%n", what, why(e, "SMTP", mailbox.smtp()));
      return false;
    }
  }
}
