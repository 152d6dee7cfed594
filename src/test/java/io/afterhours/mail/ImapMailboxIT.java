package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.pass.FetchedMessage;
import io.afterhours.pass.FolderSnapshot;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MissingFolderException;
import io.afterhours.policy.MailAddress;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImapMailboxIT {
  private GreenMailFixture mail;
  private ImapMailbox mailbox;

  @BeforeEach
  void start() {
    mail = new GreenMailFixture();
    mailbox = new ImapMailbox("work", mail.imapSettings(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    mailbox.close();
    mail.close();
  }

  private static String message(int n, String subject) {
    return "Return-Path: <client@example.org>\r\n"
        + "Message-ID: <m"
        + n
        + "@example.org>\r\n"
        + "Date: Mon, 2 Jan 2017 09:00:00 +0100\r\n"
        + "From: =?UTF-8?Q?Andr=C3=A9_Client?= <client@example.org>\r\n"
        + "To: me@example.com\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "List-Id: <news.example.org>\r\n"
        + "\r\n"
        + "Body "
        + n
        + "\r\n";
  }

  @Test
  void theFirstPassOnlyLearnsTheBaseline() throws Exception {
    mail.deliver(message(1, "old"));

    FolderSnapshot first = mailbox.fetchNew("INBOX", 0, 0);

    assertThat(first.messages()).isEmpty();
    assertThat(first.uidValidity()).isPositive();
    assertThat(first.uidNext()).isEqualTo(2);
  }

  @Test
  void fetchesOnlyMessagesAfterTheCursorWithDecodedHeaders() throws Exception {
    mail.deliver(message(1, "one"));
    mail.deliver(message(2, "two"));
    FolderSnapshot baseline = mailbox.fetchNew("INBOX", 0, 0);
    mail.deliver(message(3, "=?UTF-8?B?VGlnYSDigJQgY2Fmw6k=?="));

    FolderSnapshot snapshot = mailbox.fetchNew("INBOX", baseline.uidValidity(), 2);

    assertThat(snapshot.messages()).extracting(FetchedMessage::uid).containsExactly(3L);
    var facts = snapshot.messages().get(0).facts();
    assertThat(facts.subject()).isEqualTo("Tiga — café");
    assertThat(facts.from()).containsExactly(new MailAddress("client@example.org", "André Client"));
    assertThat(facts.messageId()).isEqualTo("<m3@example.org>");
    assertThat(facts.headers().has("List-Id")).isTrue();
    assertThat(facts.sentOffset()).hasValue(ZoneOffset.ofHours(1));
    assertThat(snapshot.uidNext()).isEqualTo(4);
  }

  @Test
  void nothingNewGivesAnEmptySnapshot() throws Exception {
    mail.deliver(message(1, "one"));
    long validity = mailbox.fetchNew("INBOX", 0, 0).uidValidity();

    // "UID FETCH 2:*" returns message 1 too; it must not come back as new.
    assertThat(mailbox.fetchNew("INBOX", validity, 1).messages()).isEmpty();
  }

  @Test
  void manyMessagesAreFetchedInBatchesInUidOrder() throws Exception {
    long validity = mailbox.fetchNew("INBOX", 0, 0).uidValidity();
    int count = ImapMailbox.BATCH_SIZE + 5;
    for (int n = 1; n <= count; n++) {
      mail.deliver(message(n, "n" + n));
    }

    FolderSnapshot snapshot = mailbox.fetchNew("INBOX", validity, 0);

    assertThat(snapshot.messages()).hasSize(count);
    assertThat(snapshot.messages()).extracting(FetchedMessage::uid).isSorted();
    assertThat(snapshot.messages().get(count - 1).facts().subject()).isEqualTo("n" + count);
  }

  @Test
  void readingSinceAnInstantFetchesOnlyMailThatArrivedFromThenOn() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant since = now.minus(Duration.ofDays(3));
    mail.deliverArrivedAt(message(1, "ten days old"), now.minus(Duration.ofDays(10)));
    mail.deliverArrivedAt(message(2, "just too old"), since.minusSeconds(60));
    mail.deliverArrivedAt(message(3, "exactly at the limit"), since);
    mail.deliverArrivedAt(message(4, "an hour old"), now.minus(Duration.ofHours(1)));

    FolderSnapshot snapshot = mailbox.fetchArrivedSince("INBOX", since);

    assertThat(snapshot.messages())
        .extracting(m -> m.facts().subject())
        .containsExactly("exactly at the limit", "an hour old");
    assertThat(snapshot.messages()).extracting(FetchedMessage::uid).containsExactly(3L, 4L);
    assertThat(snapshot.uidNext()).isEqualTo(5);
  }

  @Test
  void aRefusedLoginSaysWhoLoggedInWhere() {
    ServerSettings good = mail.imapSettings();
    ServerSettings wrongPassword = GreenMailFixture.settings(good.port(), "wrong");
    try (ImapMailbox refused = new ImapMailbox("work", wrongPassword, Clock.systemUTC())) {
      assertThatThrownBy(() -> refused.fetchNew("INBOX", 0, 0))
          .isInstanceOf(MailServerException.class)
          .hasCauseInstanceOf(AuthenticationFailedException.class)
          .hasMessageStartingWith(
              "mailbox work: IMAP server 127.0.0.1:"
                  + good.port()
                  + ": login as me refused (the server said: ")
          .hasMessageEndingWith("): check user and password")
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void aFolderTheServerDoesNotHaveIsNamedWithTheFoldersItHas() throws Exception {
    mail.createFolder("Klien");

    assertThatThrownBy(() -> mailbox.fetchNew("Kline", 0, 0))
        .isInstanceOf(MissingFolderException.class)
        .hasMessageStartingWith("folder \"Kline\" does not exist on 127.0.0.1:")
        .hasMessageContaining("(it has: ")
        .hasMessageContaining("INBOX")
        .hasMessageContaining("Klien");
    assertThat(mailbox.fetchNew("INBOX", 0, 0).uidValidity())
        .as("the connection is still good")
        .isPositive();
  }

  @Test
  void arrivalIsTheServersInternalDateNotTheSendersDateHeader() throws Exception {
    long validity = mailbox.fetchNew("INBOX", 0, 0).uidValidity();
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    mail.deliver(message(1, "dated 2017"));

    Instant arrival = mailbox.fetchNew("INBOX", validity, 0).messages().get(0).facts().arrival();

    assertThat(arrival).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
  }

  @Test
  void fetchingChangesNoFlag() throws Exception {
    long validity = mailbox.fetchNew("INBOX", 0, 0).uidValidity();
    mail.deliver(message(1, "unread"));
    mail.deliver(message(2, "answered"));
    try (Store client = mail.client()) {
      Folder inbox = client.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.getMessage(2).setFlag(Flags.Flag.ANSWERED, true);
      inbox.close(false);
    }

    assertThat(mailbox.fetchNew("INBOX", validity, 0).messages()).hasSize(2);

    try (Store client = mail.client()) {
      Folder inbox = client.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message unread = ((UIDFolder) inbox).getMessageByUID(1);
      Message answered = ((UIDFolder) inbox).getMessageByUID(2);
      assertThat(unread.getFlags().contains(Flags.Flag.SEEN)).isFalse();
      assertThat(unread.getFlags().contains(Flags.Flag.ANSWERED)).isFalse();
      assertThat(answered.getFlags().contains(Flags.Flag.SEEN)).isFalse();
      assertThat(answered.getFlags().contains(Flags.Flag.ANSWERED)).isTrue();
      inbox.close(false);
    }
  }

  @Test
  void rawUtf8HeaderFieldsAppendedOverImapAreReadAsUtf8() throws Exception {
    long validity = mailbox.fetchNew("INBOX", 0, 0).uidValidity();
    mail.appendRaw(
        ("Message-ID: <utf8@bücher.example>\r\n"
                + "Date: Mon, 2 Jan 2017 09:00:00 +0700\r\n"
                + "From: Dörte Müller <u1@bücher.example>\r\n"
                + "To: me@example.com\r\n"
                + "Subject: Jadwal rapat — minggu depan\r\n"
                + "X-Note: 東京 ✓ \uD83D\uDC4B\r\n"
                + "\r\n"
                + "Body\r\n")
            .getBytes(StandardCharsets.UTF_8));

    try (Store plain = mail.client()) {
      Folder inbox = plain.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessage(1).getHeader("Subject")[0])
          .as("the server sends raw UTF-8, which a plain client reads one char per byte")
          .isEqualTo("Jadwal rapat \u00E2\u0080\u0094 minggu depan");
      inbox.close(false);
    }

    var facts = mailbox.fetchNew("INBOX", validity, 0).messages().get(0).facts();

    assertThat(facts.subject()).isEqualTo("Jadwal rapat — minggu depan");
    assertThat(facts.from()).containsExactly(new MailAddress("u1@bücher.example", "Dörte Müller"));
    assertThat(facts.replyAddress()).hasValue(new MailAddress("u1@bücher.example", "Dörte Müller"));
    assertThat(facts.headers().first("X-Note")).hasValue("東京 ✓ \uD83D\uDC4B");
    assertThat(facts.messageId()).isEqualTo("<utf8@bücher.example>");
  }

  @Test
  void aMessageWithBrokenHeadersIsStillReturned() throws Exception {
    long validity = mailbox.fetchNew("INBOX", 0, 0).uidValidity();
    mail.deliver(
        "From: <<<\r\nTo: ,,,\r\nDate: yesterday-ish\r\nSubject: =?bogus?Q?x?=\r\n\r\nbody\r\n");

    FolderSnapshot snapshot = mailbox.fetchNew("INBOX", validity, 0);

    assertThat(snapshot.messages()).hasSize(1);
    assertThat(snapshot.messages().get(0).facts().sentOffset()).isEmpty();
    assertThat(snapshot.messages().get(0).facts().subject()).isEqualTo("=?bogus?Q?x?=");
  }

  @Test
  void reconnectsWhenTheConnectionWasClosed() throws Exception {
    long validity = mailbox.fetchNew("INBOX", 0, 0).uidValidity();
    mailbox.close();
    mail.deliver(message(1, "after reconnect"));

    assertThat(mailbox.fetchNew("INBOX", validity, 0).messages()).hasSize(1);
  }
}
