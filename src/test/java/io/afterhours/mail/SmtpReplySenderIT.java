package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.afterhours.mail.ServerSettings.Security;
import io.afterhours.pass.SendResult;
import io.afterhours.policy.MailAddress;
import io.afterhours.reply.OutgoingReply;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpReplySenderIT {
  private static final String TEXT =
      "Terima kasih atas email Anda — kantor kami sedang tutup.\n"
          + "Kami akan membalas paling lambat Senin pukul 12.00 WIB. Café é.\n";

  private GreenMailFixture mail;
  private SmtpReplySender sender;

  @BeforeEach
  void start() {
    mail = new GreenMailFixture();
    // GreenMail cannot take MAIL FROM:<> (see RecordingSmtpServer), so deliveries here use OWNER.
    sender = new SmtpReplySender("work", mail.smtpSettings(), EnvelopeSender.OWNER);
  }

  @AfterEach
  void stop() {
    sender.close();
    mail.close();
  }

  private static OutgoingReply reply(String to, String id, Optional<String> html) {
    return reply(new MailAddress(to, "André Client"), id, "Auto: Rapat besok — café", html);
  }

  private static OutgoingReply reply(
      MailAddress to, String id, String subject, Optional<String> html) {
    return new OutgoingReply(
        "work",
        new MailAddress("me@example.com", "Sri Wahyuni"),
        to,
        subject,
        TEXT,
        html,
        id,
        "<original@example.org>",
        List.of("<root@example.org>", "<original@example.org>"),
        Instant.parse("2026-11-30T14:20:00Z"),
        "after-hours",
        "id");
  }

  private MimeMessage receivedBy(String address) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> mail.server.getReceivedMessagesForDomain(address).length > 0);
    return mail.server.getReceivedMessagesForDomain(address)[0];
  }

  @Test
  void aRefusedLoginSaysWhoLoggedInWhere() {
    ServerSettings good = mail.smtpSettings();
    ServerSettings wrongPassword = GreenMailFixture.settings(good.port(), "wrong");
    SmtpReplySender refused = new SmtpReplySender("work", wrongPassword, EnvelopeSender.OWNER);

    assertThatThrownBy(refused::checkLogin)
        .isInstanceOf(io.afterhours.pass.MailServerException.class)
        .hasCauseInstanceOf(jakarta.mail.AuthenticationFailedException.class)
        .hasMessageStartingWith(
            "mailbox work: SMTP server 127.0.0.1:"
                + good.port()
                + ": login as me refused (the server said: ")
        .hasMessageEndingWith("): check user and password")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void aSentReplyArrivesWithTheAutoReplyHeadersAndItsOwnMessageId() throws Exception {
    OutgoingReply reply = reply("client@example.org", "<r1.abc@example.com>", Optional.empty());

    assertThat(sender.send(reply)).isEqualTo(new SendResult.Sent(reply.messageId()));
    MimeMessage received = receivedBy("client@example.org");
    assertThat(received.getMessageID()).isEqualTo("<r1.abc@example.com>");
    assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(received.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
    assertThat(received.getHeader("Precedence", null)).isEqualTo("bulk");
    assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<original@example.org>");
    assertThat(received.getHeader("References", null).replaceAll("\\s+", " "))
        .isEqualTo("<root@example.org> <original@example.org>");
    assertThat(received.getSubject()).isEqualTo("Auto: Rapat besok — café");
    assertThat(received.getAllRecipients()).extracting(Object::toString).hasSize(1);
    assertThat(received.getRecipients(Message.RecipientType.TO)[0].toString())
        .contains("client@example.org");
    assertThat(received.getSentDate().toInstant()).isEqualTo(reply.date());
    assertThat(received.getContentType()).containsIgnoringCase("text/plain").contains("UTF-8");
    assertThat(received.getEncoding()).isEqualTo("quoted-printable");
    // The final line break belongs to the SMTP DATA terminator, so compare without it.
    assertThat(((String) received.getContent()).replace("\r\n", "\n")).isEqualTo(TEXT.strip());
  }

  @Test
  void theEnvelopeSenderIsTheNullReversePathByDefault() throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer()) {
      ServerSettings settings =
          new ServerSettings(
              "127.0.0.1",
              recorder.port(),
              Security.NONE,
              "",
              Secret.none(),
              Optional.empty(),
              false);
      OutgoingReply reply = reply("client@example.org", "<r2@example.com>", Optional.empty());

      try (SmtpReplySender nullSender =
          new SmtpReplySender("work", settings, EnvelopeSender.NULL)) {
        assertThat(nullSender.send(reply)).isEqualTo(new SendResult.Sent(reply.messageId()));
      }
      assertThat(recorder.commands).contains("MAIL FROM:<>", "RCPT TO:<client@example.org>");
    }
  }

  @Test
  void theFinalDotWaitsForTheHandOverAfterEverythingElseWasTransferred() throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer();
        SmtpReplySender sender =
            new SmtpReplySender("work", recorder.settings(), EnvelopeSender.NULL)) {
      OutgoingReply reply = reply("client@example.org", "<gate@example.com>", Optional.empty());
      List<String> commandsWhenAsked = new ArrayList<>();
      List<Integer> messagesWhenAsked = new ArrayList<>();

      SendResult result =
          sender.send(
              reply,
              () -> {
                commandsWhenAsked.addAll(recorder.commands);
                messagesWhenAsked.add(recorder.messages.size());
                return true;
              });

      assertThat(result).isEqualTo(new SendResult.Sent(reply.messageId()));
      assertThat(commandsWhenAsked)
          .endsWith("MAIL FROM:<>", "RCPT TO:<client@example.org>", "DATA");
      assertThat(messagesWhenAsked).containsExactly(0);
      assertThat(recorder.messages).singleElement().asString().contains("<gate@example.com>");
    }
  }

  @Test
  void aConnectionKeptBetweenRepliesThatTheServerTimedOutIsMadeAgainAndTheReplyGoesOut()
      throws Exception {
    secondReplyAfterTheServerClosed(RecordingSmtpServer::timeOutIdleConnections);
  }

  @Test
  void aKeptConnectionThatTheServerClosesWith421IsMadeAgainAndTheReplyGoesOut() throws Exception {
    secondReplyAfterTheServerClosed(RecordingSmtpServer::closeAtNextCommand);
  }

  /** A reply, then {@code closing} on the server, then a second reply over the kept sender. */
  private static void secondReplyAfterTheServerClosed(ThrowingConsumer<RecordingSmtpServer> closing)
      throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer();
        SmtpReplySender sender =
            new SmtpReplySender("work", recorder.settings(), EnvelopeSender.NULL)) {
      assertThat(sender.send(reply("client@example.org", "<a@example.com>", Optional.empty())))
          .isInstanceOf(SendResult.Sent.class);
      closing.accept(recorder);

      SendResult next =
          sender.send(reply("other@example.org", "<b@example.com>", Optional.empty()));

      assertThat(next).isInstanceOf(SendResult.Sent.class);
      assertThat(recorder.connections).hasValue(2);
      assertThat(recorder.messages).hasSize(2);
    }
  }

  @Test
  void aFreshConnectionThatTheServerClosesWith421DefersTheReply() throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer();
        SmtpReplySender sender =
            new SmtpReplySender("work", recorder.settings(), EnvelopeSender.NULL)) {
      recorder.closeAtNextCommand(); // its EHLO

      SendResult result =
          sender.send(reply("client@example.org", "<a@example.com>", Optional.empty()));

      assertThat(result).isNotInstanceOf(SendResult.Sent.class);
      assertThat(recorder.messages).isEmpty();
    }
  }

  @Test
  void aRefusedHandOverDropsTheConnectionBeforeTheFinalDotAndTheNextReplyGetsANewOne()
      throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer();
        SmtpReplySender sender =
            new SmtpReplySender("work", recorder.settings(), EnvelopeSender.NULL)) {
      OutgoingReply withheld = reply("client@example.org", "<held@example.com>", Optional.empty());
      OutgoingReply next = reply("other@example.org", "<next@example.com>", Optional.empty());
      assertThat(sender.send(next, () -> true)).isInstanceOf(SendResult.Sent.class);

      SendResult result = sender.send(withheld, () -> false);

      assertThat(result).isInstanceOf(SendResult.NotSent.class);
      assertThat(((SendResult.NotSent) result).withheld()).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(recorder.abandoned).hasSize(1));
      // A withheld reply is not tried again on a new connection; the next reply makes one.
      assertThat(recorder.connections).hasValue(1);
      assertThat(sender.send(next, () -> true)).isInstanceOf(SendResult.Sent.class);
      assertThat(recorder.connections).hasValue(2);
      assertThat(recorder.messages).hasSize(2).noneMatch(m -> m.contains("<held@example.com>"));
    }
  }

  @Test
  void anInternationalizedDomainGoesOutAsALabelsOnTheEnvelopeAndInTheToHeader() throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer()) {
      OutgoingReply reply =
          reply(
              new MailAddress("u1@bücher.example", "Dörte"),
              "<idn@example.com>",
              "Auto: Jadwal rapat — minggu depan",
              Optional.empty());

      try (SmtpReplySender sender =
          new SmtpReplySender("work", recorder.settings(), EnvelopeSender.NULL)) {
        assertThat(sender.send(reply)).isEqualTo(new SendResult.Sent(reply.messageId()));
      }
      assertThat(recorder.commands)
          .contains("MAIL FROM:<>", "RCPT TO:<u1@xn--bcher-kva.example>")
          .noneMatch(command -> command.contains("SMTPUTF8"));
      String sent = recorder.messages.get(0);
      assertThat(sent.chars().allMatch(c -> c < 0x80)).as("an all-ASCII message").isTrue();
      MimeMessage parsed = parse(sent);
      assertThat(parsed.getHeader("To", null))
          .isEqualTo("=?UTF-8?Q?D=C3=B6rte?= <u1@xn--bcher-kva.example>");
      assertThat(MimeUtility.decodeText(MimeUtility.unfold(parsed.getHeader("Subject", null))))
          .isEqualTo("Auto: Jadwal rapat — minggu depan");
    }
  }

  @Test
  void aUtf8LocalPartFailsForGoodWhenTheServerDoesNotOfferSmtpUtf8() throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer(false)) {
      OutgoingReply utf8 = reply("dörte@bücher.example", "<u1@example.com>", Optional.empty());
      OutgoingReply ascii = reply("client@example.org", "<u2@example.com>", Optional.empty());

      try (SmtpReplySender sender =
          new SmtpReplySender("work", recorder.settings(), EnvelopeSender.NULL)) {
        assertThat(sender.send(utf8))
            .isEqualTo(
                new SendResult.Rejected(
                    utf8.messageId(),
                    "the SMTP server does not offer SMTPUTF8, needed for the address"
                        + " dörte@bücher.example"));
        assertThat(sender.send(ascii)).isEqualTo(new SendResult.Sent(ascii.messageId()));
      }
      assertThat(recorder.commands)
          .filteredOn(command -> command.startsWith("RCPT"))
          .containsExactly("RCPT TO:<client@example.org>");
    }
  }

  @Test
  void aUtf8LocalPartGoesOutWithSmtpUtf8OverAConnectionOfItsOwnAndNoOtherReplyAsksForIt()
      throws Exception {
    try (RecordingSmtpServer recorder = new RecordingSmtpServer(true)) {
      OutgoingReply first = reply("client@example.org", "<s1@example.com>", Optional.empty());
      OutgoingReply utf8 =
          reply(
              new MailAddress("dörte@bücher.example", "Dörte"),
              "<s2@example.com>",
              "Auto: Jadwal rapat — minggu depan",
              Optional.empty());
      OutgoingReply last = reply("u1@bücher.example", "<s3@example.com>", Optional.empty());

      try (SmtpReplySender sender =
          new SmtpReplySender("work", recorder.settings(), EnvelopeSender.NULL)) {
        assertThat(List.of(sender.send(first), sender.send(utf8), sender.send(last)))
            .containsExactly(
                new SendResult.Sent(first.messageId()),
                new SendResult.Sent(utf8.messageId()),
                new SendResult.Sent(last.messageId()));
      }
      assertThat(recorder.connections).hasValue(2);
      // RFC 6531: MAIL FROM asks for SMTPUTF8 only for the message that needs it.
      assertThat(recorder.commands)
          .filteredOn(command -> command.startsWith("MAIL") || command.startsWith("RCPT"))
          .containsExactly(
              "MAIL FROM:<>",
              "RCPT TO:<client@example.org>",
              "MAIL FROM:<> SMTPUTF8",
              "RCPT TO:<dörte@xn--bcher-kva.example>",
              "MAIL FROM:<>",
              "RCPT TO:<u1@xn--bcher-kva.example>");
      String sent = recorder.messages.get(1);
      assertThat(sent).contains("To: \"Dörte\" <dörte@xn--bcher-kva.example>");
      assertThat(MimeUtility.decodeText(MimeUtility.unfold(parse(sent).getHeader("Subject", null))))
          .isEqualTo("Auto: Jadwal rapat — minggu depan");
    }
  }

  /** A message as the recorder received it, read with raw UTF-8 headers allowed. */
  private static MimeMessage parse(String received) throws Exception {
    Properties props = new Properties();
    props.put("mail.mime.allowutf8", "true");
    return new MimeMessage(
        Session.getInstance(props),
        new ByteArrayInputStream(received.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theOwnerEnvelopeSenderIsTheMailboxAddress() throws Exception {
    sender.send(reply("client@example.org", "<r2b@example.com>", Optional.empty()));

    assertThat(receivedBy("client@example.org").getHeader("Return-Path", null))
        .isEqualTo("<me@example.com>");
  }

  @Test
  void anHtmlBodyMakesItMultipartAlternative() throws Exception {
    String html = "<p>Terima kasih — <b>café</b></p>";
    sender.send(reply("client@example.org", "<r3@example.com>", Optional.of(html)));

    MimeMessage received = receivedBy("client@example.org");
    assertThat(received.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat(parts.getBodyPart(1).getContent().toString()).isEqualTo(html);
  }

  @Test
  void repliesOfABatchGoOutOneByOneOverOneConnection() {
    OutgoingReply first = reply("a@example.org", "<b1@example.com>", Optional.empty());
    OutgoingReply second = reply("b@example.org", "<b2@example.com>", Optional.empty());

    assertThat(sender.send(first)).isEqualTo(new SendResult.Sent(first.messageId()));
    assertThat(sender.send(second)).isEqualTo(new SendResult.Sent(second.messageId()));
    sender.close();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> mail.server.getReceivedMessages().length == 2);
  }

  @Test
  void aBadRecipientIsRefusedForGoodAndTheNextReplyStillGoesOut() {
    OutgoingReply bad = reply("not an address", "<x1@example.com>", Optional.empty());
    OutgoingReply good = reply("c@example.org", "<x2@example.com>", Optional.empty());

    assertThat(sender.send(bad)).isInstanceOf(SendResult.Rejected.class);
    assertThat(sender.send(good)).isEqualTo(new SendResult.Sent(good.messageId()));
  }

  @Test
  void aServerThatIsDownGivesANotSentResultNotAnException() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SmtpReplySender nowhere =
        new SmtpReplySender("work", GreenMailFixture.settings(closedPort), EnvelopeSender.NULL);
    OutgoingReply reply = reply("client@example.org", "<d1@example.com>", Optional.empty());

    SendResult result = nowhere.send(reply);

    assertThat(result).isInstanceOf(SendResult.NotSent.class);
    assertThat(((SendResult.NotSent) result).reason())
        .isEqualTo(
            "SMTP server 127.0.0.1:"
                + closedPort
                + ": nothing accepts connections on port "
                + closedPort
                + " (connection refused): check host and port; SMTP is usually on 465 with"
                + " security = tls, or 587 with starttls")
        .doesNotContain(GreenMailFixture.PASSWORD);
  }

  @Test
  void aStoppedServerMeansTheReplyWasCertainlyNotSent() {
    mail.server.stop();

    SendResult result =
        sender.send(reply("client@example.org", "<s1@example.com>", Optional.empty()));

    assertThat(result).isInstanceOf(SendResult.NotSent.class);
  }

  @Test
  void theSentCopyIsAppendedSeenAndFoundByMessageId() throws Exception {
    mail.createFolder("Sent");
    OutgoingReply reply = reply("client@example.org", "<sent1@example.com>", Optional.empty());
    try (ImapMailbox mailbox = new ImapMailbox("work", mail.imapSettings(), Clock.systemUTC())) {
      assertThat(mailbox.sentFolder()).hasValue("Sent");
      assertThat(mailbox.holdsMessageId("Sent", reply.messageId())).isFalse();

      assertThat(mailbox.copyToSent(reply)).isTrue();

      assertThat(mailbox.holdsMessageId("Sent", reply.messageId())).isTrue();
      assertThat(mailbox.holdsMessageId("Sent", "<sent1@example.co>")).isFalse();
      assertThat(mailbox.holdsMessageId("INBOX", reply.messageId())).isFalse();
    }
    try (Store client = mail.client()) {
      Folder sent = client.getFolder("Sent");
      sent.open(Folder.READ_ONLY);
      assertThat(sent.getMessageCount()).isEqualTo(1);
      assertThat(sent.getMessage(1).getFlags().contains(Flags.Flag.SEEN)).isTrue();
      assertThat(sent.getMessage(1).getHeader("Auto-Submitted")).containsExactly("auto-replied");
      sent.close(false);
    }
  }

  @Test
  void withoutASentFolderTheCopyIsNotKeptAndNothingThrows() throws Exception {
    try (ImapMailbox mailbox = new ImapMailbox("work", mail.imapSettings(), Clock.systemUTC())) {
      OutgoingReply reply = reply("client@example.org", "<nosent@example.com>", Optional.empty());
      assertThat(mailbox.sentFolder()).isEmpty();
      assertThat(mailbox.copyToSent(reply)).isFalse();
    }
  }

  @Test
  void plainConnectionsToANonLoopbackHostAreRefused() {
    ServerSettings remote =
        new ServerSettings(
            "mail.example.com", 25, Security.NONE, "me", Secret.of("x"), Optional.empty(), false);

    assertThatThrownBy(() -> new SmtpReplySender("work", remote, EnvelopeSender.NULL))
        .isInstanceOf(InsecureConnectionException.class)
        .hasMessageContaining("mail.example.com");
    assertThatThrownBy(() -> new ImapMailbox("work", remote, Clock.systemUTC()))
        .isInstanceOf(InsecureConnectionException.class)
        .hasMessageContaining("mailbox work");
  }
}
