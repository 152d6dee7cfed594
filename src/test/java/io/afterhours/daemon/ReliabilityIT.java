package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.MAILBOX;
import static io.afterhours.daemon.ResponderHarness.NOW;
import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.Lease;
import io.afterhours.pass.Leases;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.PendingReply;
import io.afterhours.policy.SkipReason;
import jakarta.mail.Flags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * DESIGN §6: restarts, renumbered folders, a dead SMTP server and crashes lose and repeat nothing.
 */
class ReliabilityIT {
  private static MailServer server;
  private ResponderHarness responder;

  @BeforeAll
  static void startServer() {
    server = MailServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newResponder(@TempDir Path dir) {
    responder = new ResponderHarness(server, dir);
  }

  @AfterEach
  void closeResponder() {
    responder.close();
  }

  @Test
  void aPassForgetsDecisionsOlderThanTheRetentionAndKeepsRecentOnes() throws Exception {
    Mailboxes mailboxes = responder.openWithBaseline();
    var decisions = mailboxes.store().decisions();
    for (Duration age : new Duration[] {Duration.ofDays(100), Duration.ofDays(1)}) {
      decisions.record(
          new DecisionRecord(
              ResponderHarness.NOW.minus(age),
              mailboxes.workers().get(0).name(),
              "INBOX",
              age.toDays(),
              "<old-" + age.toDays() + "@x>",
              "someone@example.org",
              Outcome.SKIP,
              "LIST_MAIL",
              "",
              Optional.empty(),
              Optional.empty()));
    }
    responder.open(); // a fresh start: its first pass prunes

    assertThat(responder.pass()).isTrue();

    assertThat(responder.history())
        .extracting(DecisionRecord::messageId)
        .containsExactly("<old-1@x>");
  }

  @Test
  void mailThatArrivesAfterTheProcessStartsButBeforeTheFirstPassIsAnsweredOlderMailIsNot()
      throws Exception {
    String old = responder.client("old");
    String early = responder.client("early");
    // The process starts at NOW (the harness's clock); its first pass comes later, as with a
    // thousand mailboxes on a few threads.
    responder.open();
    responder.deliver(IncomingMail.from(old, responder.owner()), NOW.minus(Duration.ofMinutes(1)));
    responder.deliver(IncomingMail.from(early, responder.owner()), NOW.plus(Duration.ofSeconds(2)));

    assertThat(responder.passAt(NOW.plus(Duration.ofSeconds(5)))).isTrue();

    assertThat(responder.repliesTo(early)).hasSize(1);
    assertThat(responder.repliesTo(old)).isEmpty();
    assertThat(responder.history()).hasSize(1);
  }

  @Test
  void aDryRunDecidesButSendsAndRecordsNothingAndTheRealPassStillAnswers() throws Exception {
    String budi = responder.client("budi");
    IncomingMail mail = IncomingMail.from(budi, responder.owner());
    responder.openWithBaseline();
    responder.close();
    responder.deliver(mail, SATURDAY_NIGHT);

    try (Mailboxes dryRun = Mailboxes.open(responder.settings(), responder.clock(), true)) {
      assertThat(dryRun.passOnce(Optional.of(ResponderHarness.NOW))).isTrue();
      assertThat(dryRun.store().replies().pendingReplies(dryRun.workers().get(0).name())).isEmpty();
    }
    assertThat(responder.repliesTo(budi)).isEmpty();
    assertThat(responder.ownerMessages("Sent")).isEmpty();
    responder.open();
    assertThat(responder.history()).isEmpty();

    assertThat(responder.pass()).isTrue();
    assertThat(responder.repliesTo(budi)).hasSize(1);
  }

  @Test
  void aDryRunOnANewStoreSaysItWouldTakeABaselineAndJudgesNoEarlierMail() throws Exception {
    String budi = responder.client("budi");
    responder.deliver(IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT);
    ListAppender<ILoggingEvent> log = listen(MailboxWorker.class);

    try (Mailboxes dryRun = Mailboxes.open(responder.settings(), responder.clock(), true)) {
      PassSummary summary =
          dryRun.workers().get(0).pass(Optional.empty(), Optional.of(ResponderHarness.NOW));

      assertThat(summary).isEqualTo(PassSummary.EMPTY);
      assertThat(dryRun.store().cursors().cursor(MAILBOX, "INBOX")).isEmpty();
    } finally {
      stopListening(MailboxWorker.class, log);
    }
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            m ->
                assertThat(m)
                    .matches(
                        "mailbox=work folder=INBOX first start: would take a baseline at uid 1"
                            + " \\(uidvalidity \\d+\\); earlier mail would not be answered"));

    // The real first pass does what the dry run said: a baseline, no reply.
    responder.open();
    assertThat(responder.pass()).isTrue();
    assertThat(responder.history()).isEmpty();
    assertThat(responder.repliesTo(budi)).isEmpty();
  }

  @Test
  void aDryRunDaemonKeepsItsBaselineInMemoryAndJudgesTheMailThatArrivesAfter() throws Exception {
    String budi = responder.client("budi");
    responder.deliver(IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT);

    try (Mailboxes dryRun = Mailboxes.open(responder.settings(), responder.clock(), true)) {
      MailboxWorker worker = dryRun.workers().get(0);
      assertThat(worker.pass(Optional.empty(), Optional.of(NOW))).isEqualTo(PassSummary.EMPTY);
      responder.deliver(
          IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT.plus(Duration.ofMinutes(1)));

      assertThat(worker.pass(Optional.empty(), Optional.of(NOW)))
          .as("only the new message, judged once")
          .isEqualTo(new PassSummary(1, 1, 0, 0, 0));
      assertThat(worker.pass(Optional.empty(), Optional.of(NOW))).isEqualTo(PassSummary.EMPTY);
      assertThat(dryRun.store().cursors().cursor(MAILBOX, "INBOX")).isEmpty();
    }
    assertThat(responder.repliesTo(budi)).isEmpty();
  }

  @Test
  void firstStartAnswerSinceAnswersTheMailOfThatWhileOnlyAndStillByEveryRule() throws Exception {
    String ani = responder.client("ani");
    String budi = responder.client("budi");
    String citra = responder.client("citra");
    // Three days before: older than answer-since. One hour before, and half an hour before from
    // a mailing list: within it.
    responder.deliver(IncomingMail.from(ani, responder.owner()), NOW.minus(Duration.ofDays(3)));
    IncomingMail recent = IncomingMail.from(budi, responder.owner());
    responder.deliver(recent, NOW.minus(Duration.ofHours(1)));
    responder.deliver(
        IncomingMail.from(citra, responder.owner()).header("List-Id", "<news.example>"),
        NOW.minus(Duration.ofMinutes(30)));
    responder.with("first-start = answer-since 2d");

    try (Mailboxes dryRun = Mailboxes.open(responder.settings(), responder.clock(), true)) {
      assertThat(dryRun.workers().get(0).pass(Optional.empty(), Optional.of(NOW)))
          .as("the dry run judges what the real first pass will")
          .isEqualTo(new PassSummary(2, 1, 1, 0, 0));
    }
    responder.open();
    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.repliesTo(ani)).isEmpty();
    assertThat(responder.repliesTo(citra)).isEmpty();
    assertThat(responder.history())
        .extracting(DecisionRecord::from, DecisionRecord::decision)
        .containsExactlyInAnyOrder(tuple(budi, Outcome.REPLY), tuple(citra, Outcome.SKIP));
    assertThat(responder.store().cursors().cursor(MAILBOX, "INBOX").orElseThrow().lastUid())
        .isEqualTo(3);

    // Later passes answer new mail as usual, and nothing twice.
    responder.open();
    assertThat(responder.pass()).isTrue();
    assertThat(responder.repliesTo(budi)).hasSize(1);
  }

  @Test
  void firstStartAnswerSinceStillSkipsMailOlderThanMaxAge() throws Exception {
    String budi = responder.client("budi");
    responder.deliver(IncomingMail.from(budi, responder.owner()), NOW.minus(Duration.ofDays(4)));
    responder.with("first-start = answer-since 7d").withReply("max-age = 3d").open();

    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).isEmpty();
    assertThat(responder.history())
        .extracting(DecisionRecord::reason)
        .containsExactly(SkipReason.TOO_OLD.code());
  }

  private static ListAppender<ILoggingEvent> listen(Class<?> source) {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(source)).addAppender(log);
    return log;
  }

  private static void stopListening(Class<?> source, ListAppender<ILoggingEvent> log) {
    ((Logger) LoggerFactory.getLogger(source)).detachAppender(log);
  }

  @Test
  void aFloodFromManySendersGetsNoMoreThanMaxPerHourReplies() throws Exception {
    responder.withReply("max-per-hour = 2").openWithBaseline();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger passLog = (Logger) LoggerFactory.getLogger(FolderPass.class);
    passLog.addAppender(log);
    List<String> senders = List.of("a", "b", "c", "d").stream().map(responder::client).toList();
    for (int i = 0; i < senders.size(); i++) {
      responder.deliver(
          IncomingMail.from(senders.get(i), responder.owner()),
          SATURDAY_NIGHT.plus(Duration.ofSeconds(i)));
    }

    assertThat(responder.pass()).isTrue();

    assertThat(senders.stream().mapToInt(s -> responder.repliesTo(s).size()).sum()).isEqualTo(2);
    assertThat(responder.history())
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactlyInAnyOrder(
            tuple(Outcome.REPLY, "after-hours.id"),
            tuple(Outcome.REPLY, "after-hours.id"),
            tuple(Outcome.SKIP, SkipReason.HOURLY_LIMIT.code()),
            tuple(Outcome.SKIP, SkipReason.HOURLY_LIMIT.code()));
    assertThat(responder.store().cursors().cursor(MAILBOX, "INBOX").orElseThrow().lastUid())
        .as("the skipped messages are done, not retried")
        .isEqualTo(4);
    passLog.detachAppender(log);
    assertThat(log.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .asString()
        .contains("mailbox=work", "reply.max-per-hour reached (2 replies in the last hour");
  }

  @Test
  void aMissingFolderIsReportedOnceAndDoesNotKeepTheOtherFoldersFromBeingAnswered()
      throws Exception {
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    responder.watching("Projects", "INBOX").openWithBaseline();
    server.deleteFolder(responder.owner(), "Projects");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger workerLog = (Logger) LoggerFactory.getLogger(MailboxWorker.class);
    workerLog.addAppender(log);
    try {
      responder.deliver(IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT);
      assertThat(responder.pass()).as("a missing folder fails the pass").isFalse();
      responder.deliver(
          IncomingMail.from(ani, responder.owner()), SATURDAY_NIGHT.plus(Duration.ofMinutes(1)));
      assertThat(responder.pass()).isFalse();

      assertThat(responder.repliesTo(budi)).hasSize(1);
      assertThat(responder.repliesTo(ani)).hasSize(1);
      assertThat(responder.mailboxes().workers().get(0).missingFolders())
          .containsExactly("Projects");
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == Level.ERROR)
          .extracting(ILoggingEvent::getFormattedMessage)
          .singleElement()
          .asString()
          .contains("mailbox=work folder \"Projects\" does not exist", "INBOX");

      server.createFolder(responder.owner(), "Projects");
      assertThat(responder.pass()).isTrue();
      assertThat(log.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(m -> assertThat(m).contains("folder=Projects exists again"));
    } finally {
      workerLog.detachAppender(log);
    }
  }

  @Test
  void aRestartNeitherAnswersAMessageAgainNorMissesMailThatCameWhileDown() throws Exception {
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    IncomingMail beforeRestart = IncomingMail.from(budi, responder.owner());
    IncomingMail whileDown = IncomingMail.from(ani, responder.owner());
    responder.openWithBaseline();
    responder.deliver(beforeRestart, SATURDAY_NIGHT);
    responder.pass();
    responder.close();

    responder.deliver(whileDown, SATURDAY_NIGHT.plus(Duration.ofMinutes(2)));
    responder.open();
    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.repliesTo(ani)).hasSize(1);
    assertThat(responder.decisionsAbout(beforeRestart)).hasSize(1);
    assertThat(responder.decisionsAbout(whileDown))
        .extracting(DecisionRecord::decision)
        .containsExactly(Outcome.REPLY);
  }

  @Test
  void aRenumberedFolderNeverGetsAMessageAnsweredTwice() throws Exception {
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    IncomingMail answered = IncomingMail.from(budi, responder.owner());
    IncomingMail fresh = IncomingMail.from(ani, responder.owner());
    responder.watching("Work").openWithBaseline();
    responder.deliver("Work", answered, SATURDAY_NIGHT);
    responder.pass();
    long oldValidity =
        responder.store().cursors().cursor(MAILBOX, "Work").orElseThrow().uidValidity();

    recreateWithNewUidValidity("Work", oldValidity);
    // The answered message comes back under another UID, so only the reply log (keyed by
    // Message-ID) can recognise it.
    responder.deliver("Work", fresh, SATURDAY_NIGHT.plus(Duration.ofMinutes(1)));
    responder.deliver("Work", answered, SATURDAY_NIGHT);
    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.repliesTo(ani)).hasSize(1);
    assertThat(responder.decisionsAbout(answered))
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(
            tuple(Outcome.SKIP, SkipReason.ALREADY_ANSWERED.code()),
            tuple(Outcome.REPLY, "after-hours.id"));
    FolderCursor cursor = responder.store().cursors().cursor(MAILBOX, "Work").orElseThrow();
    assertThat(cursor.uidValidity()).isNotEqualTo(oldValidity);
    assertThat(cursor.lastUid()).isEqualTo(2);
  }

  @Test
  void aRenumberedFolderNeverAnswersAMessageWithoutAMessageIdTwice() throws Exception {
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    IncomingMail noId = IncomingMail.from(budi, responder.owner()).messageId("");
    // With once-per 1h, only the reply log can stop a second reply two hours later.
    responder.withReply("once-per = 1h, min-interval = 1m").watching("Work").openWithBaseline();
    responder.deliver("Work", noId, SATURDAY_NIGHT);
    responder.pass();
    String firstKey = responder.history().get(0).messageId();
    assertThat(firstKey).startsWith("<no-message-id.");
    long oldValidity =
        responder.store().cursors().cursor(MAILBOX, "Work").orElseThrow().uidValidity();

    recreateWithNewUidValidity("Work", oldValidity);
    // Another message first, so the returning one gets another UID than before.
    responder.deliver(
        "Work",
        IncomingMail.from(ani, responder.owner()).messageId(""),
        SATURDAY_NIGHT.plus(Duration.ofMinutes(1)));
    responder.deliver("Work", noId, SATURDAY_NIGHT);
    assertThat(responder.passAt(ResponderHarness.NOW.plus(Duration.ofHours(2)))).isTrue();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.repliesTo(ani)).hasSize(1);
    List<DecisionRecord> returning =
        responder.history().stream().filter(d -> d.messageId().equals(firstKey)).toList();
    assertThat(returning)
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(
            tuple(Outcome.SKIP, SkipReason.ALREADY_ANSWERED.code()),
            tuple(Outcome.REPLY, "after-hours.id"));
  }

  /**
   * GreenMail takes UIDVALIDITY from the clock's second: a folder made again within the same second
   * would keep it, so it is made again until the second has turned.
   */
  private void recreateWithNewUidValidity(String folder, long oldValidity) {
    AtomicLong validity = new AtomicLong(oldValidity);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              server.deleteFolder(responder.owner(), folder);
              validity.set(server.createFolder(responder.owner(), folder).getUidValidity());
              return validity.get() != oldValidity;
            });
  }

  @Test
  void aReplyRefusedForNowHoldsOnlyItsOwnMessageWhileTheNextOneIsAnswered() throws Exception {
    String ani = responder.client("later-ani");
    String budi = responder.client("budi");
    IncomingMail held = IncomingMail.from(ani, responder.owner());
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
      responder.open(smtp.port());
      responder.pass();
      long baseline = responder.store().cursors().cursor(MAILBOX, "INBOX").orElseThrow().lastUid();
      responder.deliver(held, SATURDAY_NIGHT);
      responder.deliver(IncomingMail.from(budi, responder.owner()), SATURDAY_NIGHT);

      PassSummary summary = responder.passSummary();

      assertThat(summary).isEqualTo(new PassSummary(2, 1, 0, 1, 0));
      assertThat(smtp.accepted).containsExactly(budi);
      assertThat(responder.store().cursors().cursor(MAILBOX, "INBOX").orElseThrow().lastUid())
          .as("held before the refused message")
          .isEqualTo(baseline);
      assertThat(responder.decisionsAbout(held))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.retried()).isTrue();
                assertThat(d.reason()).contains("refused for now", "452 4.2.2");
              });
    }
  }

  @Test
  void aReplyLeftInDoubtByABrokenConnectionIsSettledAtOnceAndTheMessageAnsweredAgain()
      throws Exception {
    String citra = responder.client("doubt-citra");
    IncomingMail mail = IncomingMail.from(citra, responder.owner());
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
      responder.open(smtp.port());
      responder.pass();
      responder.deliver(mail, SATURDAY_NIGHT);

      assertThat(responder.pass()).as("the server hung up: the pass failed").isFalse();

      assertThat(responder.store().replies().pendingReplies(MAILBOX)).isEmpty();
      assertThat(responder.store().replies().hasReplyFor(MAILBOX, mail.messageId())).isFalse();
      assertThat(responder.decisionsAbout(mail))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.retried()).isTrue();
                assertThat(d.detail()).isEqualTo("not found in Sent, sent again");
              });
    }
  }

  @Test
  void aReplyRefusedForGoodIsRecordedOnceAndTheMailboxStaysUp() throws Exception {
    String budi = responder.client("refuse-budi");
    IncomingMail mail = IncomingMail.from(budi, responder.owner());
    try (ScriptedSmtpServer refusing = new ScriptedSmtpServer()) {
      responder.open(refusing.port());
      responder.pass();
      responder.deliver(mail, SATURDAY_NIGHT);

      PassSummary summary = responder.passSummary();
      assertThat(summary).isEqualTo(new PassSummary(1, 0, 0, 0, 1));
      assertThat(summary.toString()).endsWith("1 failed for good");
      assertThat(responder.pass()).as("the next pass has nothing to retry").isTrue();
    }

    assertThat(responder.decisionsAbout(mail))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.decision()).isEqualTo(Outcome.FAILED);
              assertThat(d.reason()).contains("not retried", "550 5.1.1");
              assertThat(d.retried()).isFalse();
            });
    assertThat(responder.store().replies().pendingReplies(MAILBOX)).isEmpty();
  }

  @Test
  void aReplyThatSmtpRefusedIsHeldBackAndSentExactlyOnceWhenSmtpIsBack() throws Exception {
    String budi = responder.client("budi");
    IncomingMail mail = IncomingMail.from(budi, responder.owner());
    responder.open(ResponderHarness.closedPort());
    responder.pass();
    long baseline = responder.store().cursors().cursor(MAILBOX, "INBOX").orElseThrow().lastUid();
    long uid = responder.deliver(mail, SATURDAY_NIGHT);

    assertThat(responder.pass()).as("a pass with SMTP down reports failure").isFalse();

    assertThat(responder.repliesTo(budi)).isEmpty();
    assertThat(responder.decisionsAbout(mail))
        .extracting(DecisionRecord::decision)
        .containsExactly(Outcome.FAILED);
    assertThat(responder.store().cursors().cursor(MAILBOX, "INBOX").orElseThrow().lastUid())
        .as("the cursor stays before the unanswered message")
        .isEqualTo(baseline)
        .isLessThan(uid);
    assertThat(responder.store().replies().pendingReplies(MAILBOX)).isEmpty();
    assertThat(responder.store().replies().hasReplyFor(MAILBOX, mail.messageId())).isFalse();

    responder.open();
    assertThat(responder.pass()).isTrue();
    responder.pass();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.decisionsAbout(mail))
        .extracting(DecisionRecord::decision)
        .containsExactly(Outcome.REPLY, Outcome.FAILED);
    assertThat(responder.store().cursors().cursor(MAILBOX, "INBOX").orElseThrow().lastUid())
        .isEqualTo(uid);
  }

  @Test
  void aPendingReplyFoundInSentIsSettledAsSentAndOneMissingFromSentIsSentAfterACrash()
      throws Exception {
    String budi = responder.client("budi");
    String ani = responder.client("ani");
    IncomingMail sentBeforeCrash = IncomingMail.from(budi, responder.owner());
    IncomingMail lostInCrash = IncomingMail.from(ani, responder.owner());
    String inSent = "<afterhours.crash1.0001@" + responder.ownerDomain() + ">";
    String notInSent = "<afterhours.crash2.0002@" + responder.ownerDomain() + ">";
    responder.openWithBaseline();
    responder.close();
    // The state crashes between "record pending" and "mark sent" leave behind: pending replies
    // of processes that are gone, one of which had reached SMTP and Sent; the cursor is still
    // before both messages.
    responder.open();
    for (String[] left :
        new String[][] {
          {sentBeforeCrash.messageId(), budi, inSent}, {lostInCrash.messageId(), ani, notInSent}
        }) {
      Leases crashed = responder.store().leases("once", Duration.ofMinutes(1));
      Lease lease = ((Leases.Acquired) crashed.acquire(MAILBOX)).lease();
      assertThat(
              responder
                  .store()
                  .ledger()
                  .recordPending(
                      new PendingReply(
                          MAILBOX,
                          left[0],
                          "INBOX",
                          1,
                          left[1],
                          left[1],
                          left[2],
                          lease.owner(),
                          NOW)))
          .isEqualTo(Ledger.Claim.CLAIMED);
      crashed.release(lease); // as if it had expired
    }
    server
        .folder(responder.owner(), "Sent")
        .appendMessage(
            IncomingMail.from(responder.owner(), budi).messageId(inSent).build(NOW),
            new Flags(Flags.Flag.SEEN),
            Date.from(NOW));
    responder.deliver(sentBeforeCrash, SATURDAY_NIGHT);
    responder.deliver(lostInCrash, SATURDAY_NIGHT);

    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).as("already sent before the crash").isEmpty();
    assertThat(responder.repliesTo(ani)).hasSize(1);
    assertThat(responder.repliesTo(ani).get(0).getMessageID()).isNotEqualTo(notInSent);
    assertThat(responder.store().replies().pendingReplies(MAILBOX)).isEmpty();
    assertThat(responder.store().replies().isOurReply(inSent)).isTrue();
    assertThat(responder.decisionsAbout(sentBeforeCrash))
        .extracting(DecisionRecord::decision, DecisionRecord::detail)
        .containsExactly(tuple(Outcome.REPLY, "found in Sent"));
    assertThat(responder.decisionsAbout(lostInCrash))
        .extracting(DecisionRecord::decision, DecisionRecord::detail)
        .containsExactly(
            tuple(Outcome.REPLY, ""), tuple(Outcome.FAILED, "not found in Sent, sent again"));
  }
}
