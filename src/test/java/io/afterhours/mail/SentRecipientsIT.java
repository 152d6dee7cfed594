package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.SentBatch;
import io.afterhours.pass.SentMessage;
import io.afterhours.policy.MailAddress;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading whom the owner's sent mail went to, from GreenMail's Sent folder. */
class SentRecipientsIT {
  private static final Instant SENT_AT = Instant.parse("2026-11-20T03:00:00Z");

  private GreenMailFixture mail;
  private ImapMailbox mailbox;
  private int written;

  @BeforeEach
  void start() throws Exception {
    mail = new GreenMailFixture();
    mail.createFolder("Sent");
    mailbox = new ImapMailbox("work", mail.imapSettings(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    mailbox.close();
    mail.close();
  }

  /** The owner's own mail, stored in Sent as a mail program stores it (not marked \Seen). */
  private void sent(String headers) throws Exception {
    written++;
    String rfc5322 =
        "From: Owner <me@example.com>\r\n"
            + "Message-ID: <sent"
            + written
            + "@mail.example.com>\r\n"
            + "Subject: Re: your question\r\n"
            + headers
            + "\r\n"
            + "The body, which is never read.\r\n";
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(rfc5322.getBytes(StandardCharsets.UTF_8)));
    var user = mail.server.getUserManager().getUser(GreenMailFixture.LOGIN);
    mail.server
        .getManagers()
        .getImapHostManager()
        .getFolder(user, "Sent", true)
        .appendMessage(message, new Flags(), Date.from(SENT_AT.plusSeconds(written)));
  }

  private static List<String> addresses(SentMessage message) {
    return message.recipients().stream().map(MailAddress::address).toList();
  }

  @Test
  void readsTheToCcAndBccOfSentMailAndLeavesItAsItWas() throws Exception {
    sent(
        "To: Anna <anna@client.example>, undisclosed-recipients:;\r\n"
            + "Cc: =?UTF-8?Q?Bj=C3=B6rn?= <bjorn@client.example>\r\n"
            + "Bcc: boss@x.org\r\n");
    sent("To: stranger@elsewhere.example\r\nAuto-Submitted: auto-replied\r\n");

    SentBatch batch = mailbox.fetchSentRecipients("Sent", 0, 0, 500, 5_000);

    assertThat(batch.uidValidity()).isPositive();
    assertThat(batch.messages()).hasSize(2);
    SentMessage first = batch.messages().get(0);
    assertThat(addresses(first))
        .containsExactly("anna@client.example", "bjorn@client.example", "boss@x.org");
    assertThat(first.messageId()).isEqualTo("<sent1@mail.example.com>");
    assertThat(first.autoSubmitted()).isEmpty();
    assertThat(first.storedAt()).isEqualTo(SENT_AT.plusSeconds(1));
    assertThat(batch.messages().get(1).autoSubmitted()).containsExactly("auto-replied");
    try (Store client = mail.client()) {
      Folder sent = client.getFolder("Sent");
      sent.open(Folder.READ_ONLY);
      for (Message m : sent.getMessages()) {
        assertThat(m.getFlags().contains(Flags.Flag.SEEN)).as("\\\\Seen").isFalse();
      }
      sent.close(false);
    }
  }

  @Test
  void readsOnlyTheMailAfterTheCursorAndNothingWhenThereIsNone() throws Exception {
    sent("To: anna@client.example\r\n");
    SentBatch first = mailbox.fetchSentRecipients("Sent", 0, 0, 500, 5_000);
    sent("To: budi@client.example\r\n");

    SentBatch next =
        mailbox.fetchSentRecipients("Sent", first.uidValidity(), first.lastUid(0), 500, 5_000);
    SentBatch nothing =
        mailbox.fetchSentRecipients("Sent", first.uidValidity(), next.lastUid(0), 500, 5_000);

    assertThat(next.messages())
        .singleElement()
        .satisfies(m -> assertThat(addresses(m)).containsExactly("budi@client.example"));
    assertThat(nothing.messages()).isEmpty();
    assertThat(nothing.uidValidity()).isEqualTo(first.uidValidity());
  }

  @Test
  void aFolderNotReadBeforeIsReadFromItsNewestHistoryInSlices() throws Exception {
    for (int i = 1; i <= 7; i++) {
      sent("To: client" + i + "@client.example\r\n");
    }

    // A wrong UIDVALIDITY is what a renumbered folder looks like: read again from its history.
    SentBatch first = mailbox.fetchSentRecipients("Sent", 42, 7, 2, 3);
    SentBatch second =
        mailbox.fetchSentRecipients("Sent", first.uidValidity(), first.lastUid(0), 2, 3);

    assertThat(first.messages()).extracting(SentMessage::uid).containsExactly(5L, 6L);
    assertThat(first.uidValidity()).isNotEqualTo(42);
    assertThat(second.messages()).extracting(SentMessage::uid).containsExactly(7L);
    assertThat(addresses(second.messages().get(0))).containsExactly("client7@client.example");
  }
}
