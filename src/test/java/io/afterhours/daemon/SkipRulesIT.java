package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.NOW;
import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.policy.SkipReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each family of reasons not to reply (DESIGN §5), through the whole pipeline: no mail reaches the
 * sender, and {@code history} shows the skip with its reason.
 */
class SkipRulesIT {
  private static MailServer server;
  private ResponderHarness responder;
  private String client;

  @BeforeAll
  static void startServer() {
    server = MailServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void openResponder(@TempDir Path dir) throws Exception {
    responder = new ResponderHarness(server, dir);
    responder.openWithBaseline();
    client = responder.client("budi");
  }

  @AfterEach
  void closeResponder() {
    responder.close();
  }

  private IncomingMail mailFromClient() {
    return IncomingMail.from("Budi <" + client + ">", responder.owner());
  }

  /** Delivers at {@code arrival}, runs a pass, and checks nothing went out and why. */
  private void assertSkipped(IncomingMail mail, Instant arrival, SkipReason reason, String... to)
      throws Exception {
    responder.deliver(mail, arrival);

    assertThat(responder.pass()).as("a skip is not a failure").isTrue();

    assertThat(responder.decisionsAbout(mail))
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SKIP, reason.code()));
    assertThat(responder.repliesTo(client)).as("replies to " + client).isEmpty();
    for (String address : to) {
      assertThat(responder.repliesTo(address)).as("replies to " + address).isEmpty();
    }
    assertThat(responder.ownerMessages("Sent")).isEmpty();
  }

  private void assertSkipped(IncomingMail mail, SkipReason reason, String... to) throws Exception {
    assertSkipped(mail, SATURDAY_NIGHT, reason, to);
  }

  @Test
  void mailingListMailIsNotAnswered() throws Exception {
    IncomingMail mail = mailFromClient().header("List-Id", "Kabar Desain <kabar.lists.example>");
    assertSkipped(mail, SkipReason.LIST_MAIL);
    assertThat(responder.decisionsAbout(mail))
        .extracting(DecisionRecord::detail)
        .singleElement()
        .asString()
        .contains("List-Id")
        .contains("kabar.lists.example");
  }

  @Test
  void bulkPrecedenceIsNotAnswered() throws Exception {
    assertSkipped(mailFromClient().header("Precedence", "bulk"), SkipReason.BULK_PRECEDENCE);
  }

  @Test
  void mailFromAForgedSenderIsNotAnswered() throws Exception {
    IncomingMail forged =
        mailFromClient()
            .header(
                "Authentication-Results",
                "mx.studio.test; spf=fail smtp.mailfrom=klien.test; dkim=none; dmarc=fail"
                    + " (p=reject) header.from=klien.test");
    assertSkipped(forged, SkipReason.FORGED_SENDER);
  }

  @Test
  void aReadReceiptFromARealAddressIsNotAnswered() throws Exception {
    IncomingMail receipt =
        mailFromClient()
            .header(
                "Content-Type",
                "multipart/report; report-type=disposition-notification; boundary=\"b\"")
            .body("--b\r\nContent-Type: text/plain\r\n\r\nDisplayed.\r\n--b--\r\n");
    assertSkipped(receipt, SkipReason.AUTO_SUBMITTED);
  }

  @Test
  void anotherRespondersAutoReplyIsNotAnswered() throws Exception {
    assertSkipped(
        mailFromClient().header("Auto-Submitted", "auto-replied"), SkipReason.AUTO_SUBMITTED);
  }

  @Test
  void aBounceWithANullReturnPathIsNotAnswered() throws Exception {
    assertSkipped(mailFromClient().header("Return-Path", "<>"), SkipReason.NULL_SENDER);
  }

  @Test
  void mailFromMailerDaemonIsNotAnswered() throws Exception {
    String daemon = responder.client("MAILER-DAEMON");
    assertSkipped(
        IncomingMail.from("Mail Delivery System <" + daemon + ">", responder.owner()),
        SkipReason.ROBOT_SENDER,
        daemon);
  }

  @Test
  void mailFromANoReplyAddressIsNotAnswered() throws Exception {
    String noreply = responder.client("noreply");
    assertSkipped(
        IncomingMail.from("Toko <" + noreply + ">", responder.owner()),
        SkipReason.NO_REPLY_SENDER,
        noreply);
  }

  @Test
  void mailThatNamesUsInNeitherToNorCcIsNotAnswered() throws Exception {
    String colleague = responder.client("ani");
    assertSkipped(
        mailFromClient().header("To", colleague).header("Cc", responder.client("citra")),
        SkipReason.NOT_ADDRESSED_TO_US,
        colleague);
  }

  @Test
  void mailFromOurOwnAddressIsNotAnswered() throws Exception {
    responder.deliver(
        IncomingMail.from("Studio <" + responder.owner() + ">", responder.owner()), SATURDAY_NIGHT);

    responder.pass();

    assertThat(responder.history())
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Outcome.SKIP, SkipReason.OWN_ADDRESS.code()));
    assertThat(responder.repliesTo(responder.owner())).as("only the original").hasSize(1);
    assertThat(responder.ownerMessages("Sent")).isEmpty();
  }

  @Test
  void mailFlaggedAsSpamIsNotAnswered() throws Exception {
    assertSkipped(mailFromClient().header("X-Spam-Flag", "YES"), SkipReason.SPAM);
  }

  @Test
  void anAnswerToOneOfOurAutoRepliesIsNotAnswered() throws Exception {
    responder.deliver(mailFromClient(), SATURDAY_NIGHT);
    responder.pass();
    String ourReply = responder.repliesTo(client).get(0).getMessageID();
    IncomingMail answer =
        mailFromClient()
            .subject("Re: Balasan otomatis")
            .header("In-Reply-To", ourReply)
            .header("References", ourReply);

    responder.deliver(answer, SATURDAY_NIGHT.plus(Duration.ofMinutes(3)));
    responder.pass();

    assertThat(responder.decisionsAbout(answer))
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Outcome.SKIP, SkipReason.REPLY_TO_AUTO_REPLY.code()));
    assertThat(responder.repliesTo(client)).hasSize(1);
  }

  @Test
  void mailThatArrivedDuringOpenHoursIsNotAnswered() throws Exception {
    Instant fridayMorning = OffsetDateTime.parse("2026-11-27T10:00+07:00").toInstant();
    assertSkipped(mailFromClient(), fridayMorning, SkipReason.OPEN_AT_ARRIVAL);
  }

  @Test
  void mailOlderThanMaxAgeIsNotAnswered() throws Exception {
    Instant fiveDaysAgo = NOW.minus(Duration.ofDays(5));
    assertSkipped(mailFromClient(), fiveDaysAgo, SkipReason.TOO_OLD);
  }
}
