package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.afterhours.mail.ServerSettings.Security;
import io.afterhours.policy.MailAddress;
import io.afterhours.reply.OutgoingReply;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;

/**
 * Several sent replies copied to Sent at once: as one MULTIAPPEND on a server that has it (a real
 * Dovecot as {@code scripts/try-dovecot-postfix.sh} sets it up, skipped where it is not there), as
 * single APPENDs on one that does not (GreenMail). Either way every copy is there, whole, \Seen,
 * and found again by its Message-ID.
 */
class SentCopiesIT {
  private static List<OutgoingReply> replies(int n) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<OutgoingReply> replies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      replies.add(
          new OutgoingReply(
              "work",
              new MailAddress("owner@afterhours.test", "Owner"),
              new MailAddress("client" + i + "@example.org", "Klien " + i),
              "Auto: Rapat besok — café " + i,
              "Terima kasih.\nKami membalas Senin.\n",
              i % 2 == 0 ? Optional.of("<p>Terima kasih — café.</p>") : Optional.empty(),
              "<copy-" + run + "-" + i + "@afterhours.test>",
              "<original-" + i + "@example.org>",
              List.of("<original-" + i + "@example.org>"),
              Instant.parse("2026-11-30T14:20:00Z"),
              "after-hours",
              "id"));
    }
    return replies;
  }

  @Test
  void withoutMultiappendEachCopyIsAppendedOnItsOwn() throws Exception {
    try (GreenMailFixture mail = new GreenMailFixture()) {
      mail.createFolder("Sent");
      List<OutgoingReply> replies = replies(3);
      try (ImapMailbox mailbox = new ImapMailbox("work", mail.imapSettings(), Clock.systemUTC())) {
        assertThat(mailbox.copyAllToSent(replies, List.of())).isTrue();
      }
      try (Store client = mail.client()) {
        assertEveryCopyIsInSent(client, replies);
      }
    }
  }

  @Test
  void withMultiappendTheCopiesGoInOneCommandAndAreAllThere() throws Exception {
    assumeTrue(
        listening(143) && Files.isDirectory(Path.of("/home/owner/Maildir")),
        "needs Dovecot on 127.0.0.1:143 with the trial user owner, as"
            + " scripts/try-dovecot-postfix.sh sets it up: MULTIAPPEND is not tried here");
    ServerSettings dovecot =
        new ServerSettings(
            "127.0.0.1",
            143,
            Security.NONE,
            "owner",
            Secret.of("owner-secret"),
            Optional.empty(),
            false);
    List<OutgoingReply> replies = replies(25);
    try (ImapMailbox mailbox = new ImapMailbox("work", dovecot, Clock.systemUTC())) {
      assertThat(mailbox.copyAllToSent(replies, List.of())).isTrue();
      for (OutgoingReply reply : replies) {
        assertThat(mailbox.holdsMessageId("Sent", reply.messageId())).isTrue();
      }
    }
    jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
    try (Store client = session.getStore("imap")) {
      client.connect("127.0.0.1", 143, "owner", "owner-secret");
      assertThat(((IMAPStore) client).hasCapability("MULTIAPPEND"))
          .as("Dovecot has MULTIAPPEND, so the one-command path was the one taken")
          .isTrue();
      assertEveryCopyIsInSent(client, replies);
    }
  }

  private static void assertEveryCopyIsInSent(Store client, List<OutgoingReply> replies)
      throws Exception {
    Folder sent = client.getFolder("Sent");
    sent.open(Folder.READ_ONLY);
    try {
      for (OutgoingReply reply : replies) {
        Message[] found = sent.search(new HeaderTerm("Message-ID", reply.messageId()));
        assertThat(found).as(reply.messageId()).hasSize(1);
        Message copy = found[0];
        assertThat(copy.getFlags().contains(Flags.Flag.SEEN)).isTrue();
        assertThat(copy.getSubject()).isEqualTo(reply.subject());
        assertThat(copy.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        Object content = copy.getContent();
        String text =
            content instanceof Multipart multipart
                ? String.valueOf(multipart.getBodyPart(0).getContent())
                : String.valueOf(content);
        assertThat(text.replace("\r\n", "\n")).contains("Kami membalas Senin.");
      }
    } finally {
      sent.close(false);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
