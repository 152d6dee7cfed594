package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.Lease;
import io.afterhours.pass.LeaseHolder;
import io.afterhours.pass.Leases;
import io.afterhours.pass.Ledger.Claim;
import io.afterhours.pass.PendingReply;
import io.afterhours.schedule.AwayPeriod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What every store must do, whatever the database. Each test gets a fresh, empty database from
 * {@link #freshDatabase()}.
 */
abstract class StoreContract {
  static final Instant NOW = Instant.parse("2026-11-30T21:15:30.123456789Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  StoreSettings settings;
  Store store;
  private final Map<String, Lease> leases = new HashMap<>();

  /** Settings for a new, empty database that stays available until the test class ends. */
  abstract StoreSettings freshDatabase() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    settings = freshDatabase();
    store = Store.open(settings, CLOCK);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aFolderNeverSeenHasNoCursor() {
    assertThat(store.cursors().cursor("work", "INBOX")).isEmpty();
  }

  @Test
  void savesACursorAndReadsItBackStampedToTheMillisecond() {
    store.cursors().saveCursor("work", "INBOX", 1_700_000_000L, 1432);

    assertThat(store.cursors().cursor("work", "INBOX"))
        .contains(
            new FolderCursor(1_700_000_000L, 1432, Instant.parse("2026-11-30T21:15:30.123Z")));
  }

  @Test
  void savingACursorAgainReplacesItAndLeavesOtherFoldersAlone() {
    store.cursors().saveCursor("work", "INBOX", 7, 10);
    store.cursors().saveCursor("work", "Support", 9, 99);
    store.cursors().saveCursor("home", "INBOX", 3, 5);

    store.cursors().saveCursor("work", "INBOX", 8, 4_294_967_295L);

    assertThat(store.cursors().cursor("work", "INBOX"))
        .map(c -> List.of(c.uidValidity(), c.lastUid()))
        .contains(List.of(8L, 4_294_967_295L));
    assertThat(store.cursors().cursor("work", "Support")).map(FolderCursor::lastUid).contains(99L);
    assertThat(store.cursors().cursor("home", "INBOX")).map(FolderCursor::lastUid).contains(5L);
  }

  @Test
  void aSecondPendingReplyForTheSameOriginalIsRefused() {
    assertThat(store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW)))
        .isEqualTo(Claim.CLAIMED);

    assertThat(store.ledger().recordPending(pending("work", "<a@x>", "<r2@me>", NOW)))
        .isEqualTo(Claim.ALREADY_ANSWERED);
    assertThat(store.replies().pendingReplies("work"))
        .extracting(PendingReply::replyMessageId)
        .containsExactly("<r1@me>");
  }

  @Test
  void theSameOriginalMayBeAnsweredOnceInEachMailbox() {
    assertThat(store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW)))
        .isEqualTo(Claim.CLAIMED);
    assertThat(store.ledger().recordPending(pending("home", "<a@x>", "<r2@me>", NOW)))
        .isEqualTo(Claim.CLAIMED);
  }

  @Test
  void reusingTheMessageIdOfAnotherReplyIsAnErrorNotARefusal() {
    store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

    assertThatThrownBy(() -> store.ledger().recordPending(pending("work", "<b@x>", "<r1@me>", NOW)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("<r1@me>");
  }

  @Test
  void twoNodesRacingForTheSameOriginalsSendOneReplyEach() throws Exception {
    owner("work"); // both nodes record under one lease: this is about the reply log's key
    try (Store otherNode = Store.open(settings, CLOCK)) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int i = 0; i < 20; i++) {
          String original = "<race-" + i + "@x>";
          Callable<Boolean> first =
              () ->
                  store.ledger().recordPending(pending("work", original, "<n1-" + original, NOW))
                      == Claim.CLAIMED;
          Callable<Boolean> second =
              () ->
                  otherNode
                          .ledger()
                          .recordPending(pending("work", original, "<n2-" + original, NOW))
                      == Claim.CLAIMED;
          Future<Boolean> a = threads.submit(first);
          Future<Boolean> b = threads.submit(second);
          assertThat(a.get() ^ b.get()).as("exactly one node wins " + original).isTrue();
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void aReplyMarkedSentIsNoLongerPending() {
    store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));
    store.ledger().recordPending(pending("work", "<b@x>", "<r2@me>", NOW));

    assertThat(sent("<r1@me>", NOW.plusSeconds(2))).isTrue();

    assertThat(store.replies().pendingReplies("work"))
        .extracting(PendingReply::replyMessageId)
        .containsExactly("<r2@me>");
    assertThat(store.replies().hasReplyFor("work", "<a@x>")).isTrue();
  }

  @Test
  void markingAnUnknownReplySentChangesNothing() {
    assertThat(sent("<nobody@me>", NOW)).isFalse();
  }

  @Test
  void pendingRepliesAreListedPerMailboxOldestFirstAsRecorded() {
    PendingReply newer = pending("work", "<b@x>", "<r2@me>", NOW.plusSeconds(60));
    PendingReply older = pending("work", "<a@x>", "<r1@me>", NOW);
    store.ledger().recordPending(newer);
    store.ledger().recordPending(older);
    store.ledger().recordPending(pending("home", "<c@x>", "<r3@me>", NOW));

    assertThat(store.replies().pendingReplies("work")).containsExactly(older, newer);
  }

  @Test
  void discardingAPendingReplyLetsTheOriginalBeAnsweredAgain() {
    store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

    assertThat(notSent("<r1@me>")).isTrue();

    assertThat(store.replies().hasReplyFor("work", "<a@x>")).isFalse();
    assertThat(store.replies().isOurReply("<r1@me>")).isFalse();
    assertThat(store.ledger().recordPending(pending("work", "<a@x>", "<r2@me>", NOW)))
        .isEqualTo(Claim.CLAIMED);
  }

  @Test
  void aSentReplyIsNeverDiscarded() {
    store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));
    sent("<r1@me>", NOW);

    assertThat(notSent("<r1@me>")).isFalse();
    assertThat(store.replies().hasReplyFor("work", "<a@x>")).isTrue();
  }

  @Test
  void theLastReplyToASenderIsTheNewestPendingOrSentWhateverTheCase() {
    store.ledger().recordPending(reply("<a@x>", "<r1@me>", "Client@Example.org", NOW));
    sent("<r1@me>", NOW);
    store
        .ledger()
        .recordPending(reply("<b@x>", "<r2@me>", "client@example.org", NOW.plusSeconds(3600)));
    store
        .ledger()
        .recordPending(reply("<c@x>", "<r3@me>", "other@example.org", NOW.plusSeconds(7200)));

    assertThat(store.replies().lastReplyTo("work", "CLIENT@example.ORG"))
        .contains(Instant.parse("2026-11-30T22:15:30.123Z"));
    assertThat(store.replies().lastReplyTo("home", "client@example.org")).isEmpty();
    assertThat(store.replies().lastReplyTo("work", "stranger@example.org")).isEmpty();
  }

  @Test
  void countsAMailboxsRepliesRecordedSinceAnInstantPendingOrSent() {
    store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW.minusSeconds(3600)));
    store.ledger().recordPending(pending("work", "<b@x>", "<r2@me>", NOW.minusSeconds(1800)));
    store.ledger().recordPending(pending("work", "<c@x>", "<r3@me>", NOW));
    sent("<r3@me>", NOW);
    store.ledger().recordPending(pending("home", "<d@x>", "<r4@me>", NOW));

    assertThat(store.replies().repliesSince("work", NOW.minusSeconds(3600))).isEqualTo(3);
    assertThat(store.replies().repliesSince("work", NOW.minusSeconds(3599))).isEqualTo(2);
    assertThat(store.replies().repliesSince("home", NOW.minusSeconds(3600))).isEqualTo(1);
    assertThat(store.replies().repliesSince("nobody", NOW.minusSeconds(3600))).isZero();
  }

  @Test
  void recognisesOurOwnRepliesByTheirMessageId() {
    store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

    assertThat(store.replies().isOurReply("<r1@me>")).isTrue();
    assertThat(store.replies().isOurReply("<a@x>")).isFalse();
  }

  @Test
  void historyIsNewestFirstAndRoundTripsEveryField() {
    DecisionRecord skip = decision("work", NOW, Outcome.SKIP);
    DecisionRecord reply =
        new DecisionRecord(
            NOW.plusSeconds(1),
            "work",
            "INBOX",
            4_294_967_295L,
            "<m@x>",
            "client@example.org",
            Outcome.REPLY,
            "AFTER_HOURS",
            "",
            Optional.of("bounce@example.org"),
            Optional.of("<r@me>"));
    store.decisions().record(skip);
    store.decisions().record(reply);

    assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 10))
        .containsExactly(reply, skip);
  }

  @Test
  void decisionsAtTheSameMillisecondComeBackNewestRecordedFirst() {
    DecisionRecord first = decision("work", NOW, Outcome.SKIP);
    DecisionRecord second = decision("work", NOW, Outcome.FAILED);
    store.decisions().record(first);
    store.decisions().record(second);

    assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 10))
        .containsExactly(second, first);
  }

  @Test
  void historyFiltersByMailboxAndSinceAndStopsAtTheLimit() {
    for (int minute = 0; minute < 5; minute++) {
      store.decisions().record(decision("work", NOW.plusSeconds(60L * minute), Outcome.SKIP));
      store.decisions().record(decision("home", NOW.plusSeconds(60L * minute), Outcome.SKIP));
    }
    Instant threeMinutesIn = NOW.plusSeconds(180).truncatedTo(ChronoUnit.MILLIS);

    assertThat(store.decisions().history(Optional.of("work"), Optional.empty(), 100))
        .hasSize(5)
        .allMatch(d -> d.mailbox().equals("work"));
    assertThat(store.decisions().history(Optional.empty(), Optional.of(threeMinutesIn), 100))
        .extracting(DecisionRecord::at)
        .hasSize(4)
        .allMatch(at -> !at.isBefore(threeMinutesIn));
    assertThat(store.decisions().history(Optional.of("home"), Optional.of(threeMinutesIn), 1))
        .extracting(DecisionRecord::mailbox, DecisionRecord::at)
        .containsExactly(tuple("home", threeMinutesIn.plusSeconds(60)));
  }

  @Test
  void aVeryLongReasonIsCutRatherThanLost() {
    store.decisions().record(decisionWithReason("x".repeat(5000)));

    assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 1))
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).hasSize(JdbcDecisionLog.MAX_REASON_LENGTH));
  }

  @Test
  void pruningDeletesOnlyTheMailboxsDecisionsOlderThanTheCutOff() {
    store.decisions().record(decision("work", NOW.minusSeconds(7200), Outcome.SKIP));
    store.decisions().record(decision("work", NOW.minusSeconds(3600), Outcome.SKIP));
    store.decisions().record(decision("work", NOW, Outcome.SKIP));
    store.decisions().record(decision("home", NOW.minusSeconds(7200), Outcome.SKIP));

    assertThat(store.decisions().pruneOlderThan("work", NOW.minusSeconds(3600))).isEqualTo(1);
    assertThat(store.decisions().history(Optional.of("work"), Optional.empty(), 10)).hasSize(2);
    assertThat(store.decisions().history(Optional.of("home"), Optional.empty(), 10))
        .as("another mailbox's decisions wait for that mailbox's pass")
        .hasSize(1);
    assertThat(store.decisions().pruneOlderThan("work", NOW.minusSeconds(3600))).isZero();
  }

  @Test
  void instantsRoundTripToTheMillisecondOnEitherSideOfTheEpoch() {
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
    store.decisions().record(decision("work", beforeEpoch, Outcome.SKIP));
    store.ledger().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

    assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 1))
        .extracting(DecisionRecord::at)
        .containsExactly(Instant.parse("1969-12-31T23:59:59.999Z"));
    assertThat(store.replies().pendingReplies("work"))
        .extracting(PendingReply::createdAt)
        .containsExactly(Instant.parse("2026-11-30T21:15:30.123Z"));
  }

  @Test
  void openingTheSameDatabaseAgainKeepsItsDataAndMigratesNothing() {
    store.cursors().saveCursor("work", "INBOX", 1, 2);
    store.close();

    store = Store.open(settings, CLOCK);
    try (Store second = Store.open(settings, CLOCK)) {
      assertThat(second.cursors().cursor("work", "INBOX")).map(FolderCursor::lastUid).contains(2L);
    }
    assertThat(store.cursors().cursor("work", "INBOX")).isPresent();
  }

  @Test
  void pruningForgetsTheMailboxsOldSentRepliesButKeepsPendingAndRecentOnes() {
    var replies = store.replies();
    store
        .ledger()
        .recordPending(pending("work", "<old@x>", "<afterhours.old@me>", NOW.minusSeconds(100)));
    sent("<afterhours.old@me>", NOW.minusSeconds(100));
    store.ledger().recordPending(pending("work", "<new@x>", "<afterhours.new@me>", NOW));
    sent("<afterhours.new@me>", NOW);
    store
        .ledger()
        .recordPending(pending("work", "<wait@x>", "<afterhours.wait@me>", NOW.minusSeconds(100)));

    store
        .ledger()
        .recordPending(pending("home", "<old@x>", "<afterhours.home@me>", NOW.minusSeconds(100)));
    sent("<afterhours.home@me>", NOW.minusSeconds(100));

    assertThat(replies.pruneSentOlderThan("work", NOW.minusSeconds(10))).isEqualTo(1);

    assertThat(replies.hasReplyFor("work", "<old@x>")).isFalse();
    assertThat(replies.hasReplyFor("work", "<new@x>")).isTrue();
    assertThat(replies.pendingReplies("work")).hasSize(1);
    assertThat(replies.hasReplyFor("home", "<old@x>"))
        .as("another mailbox's replies wait for that mailbox's pass")
        .isTrue();
  }

  @Test
  void aMessageWithAReplyASkipOrAFinalFailureIsDecidedButARetriedFailureIsNot() {
    store.ledger().recordDecision(retried("work", 17, "<retry@x>"));
    store.ledger().recordDecision(decision("work", NOW, Outcome.SKIP));
    store.ledger().recordDecision(decisionAt("work", 18, "<final@x>", Outcome.FAILED));
    store.ledger().recordDecision(decisionAt("work", 19, "<reply@x>", Outcome.REPLY));
    store.ledger().recordDecision(decisionAt("home", 20, "<home@x>", Outcome.SKIP));

    assertThat(store.ledger().decidedAfter("work", "INBOX", 16))
        .containsOnly(entry(17L, "<m@x>"), entry(18L, "<final@x>"), entry(19L, "<reply@x>"));
    assertThat(store.ledger().decidedAfter("work", "INBOX", 18))
        .containsOnly(entry(19L, "<reply@x>"));
    assertThat(store.ledger().decidedAfter("work", "Archive", 0)).isEmpty();
  }

  @Test
  void markingAReplySentRecordsItsDecisionInTheSameCommit() {
    PendingReply pending = pending("work", "<a@x>", "<r1@me>", NOW);
    store.ledger().recordPending(pending);

    store.ledger().recordSent(pending, NOW, decisionAt("work", 21, "<a@x>", Outcome.REPLY));

    assertThat(store.ledger().pendingReplies("work")).isEmpty();
    assertThat(store.ledger().hasReplyFor("work", "<a@x>")).isTrue();
    assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 10))
        .extracting(DecisionRecord::uid, DecisionRecord::decision)
        .containsExactly(tuple(21L, Outcome.REPLY));
  }

  @Test
  void aReplyNotSentIsForgottenAndItsFailureRecordedInTheSameCommit() {
    PendingReply pending = pending("work", "<a@x>", "<r1@me>", NOW);
    store.ledger().recordPending(pending);

    store.ledger().recordNotSent(pending, retried("work", 21, "<a@x>"));

    assertThat(store.ledger().hasReplyFor("work", "<a@x>")).isFalse();
    assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 10))
        .extracting(DecisionRecord::decision, DecisionRecord::retried)
        .containsExactly(tuple(Outcome.FAILED, true));
  }

  @Test
  void noPendingReplyIsRecordedUnderALeaseThatIsNotHeld() {
    PendingReply stranger =
        new PendingReply("work", "<a@x>", "INBOX", 1, "c@x", "c@x", "<r1@me>", "someone-else", NOW);

    assertThat(store.ledger().recordPending(stranger)).isEqualTo(Claim.LEASE_LOST);
    assertThat(store.ledger().hasReplyFor("work", "<a@x>")).isFalse();
  }

  @Test
  void aClaimLocksItsLeaseUntilItsCommitSoThatATakeOverWaitsForIt() throws Exception {
    JdbcReplyLog replies = new JdbcReplyLog(store.dataSource(), CLOCK);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (java.sql.Connection claiming = store.dataSource().getConnection()) {
      claiming.setAutoCommit(false);
      assertThat(replies.claim(claiming, pending("work", "<a@x>", "<r1@me>", NOW)))
          .isEqualTo(Claim.CLAIMED);

      Future<Integer> takeOver =
          other.submit(
              () -> {
                try (java.sql.Connection c = store.dataSource().getConnection();
                    java.sql.PreparedStatement update =
                        c.prepareStatement(
                            "UPDATE mailbox_lease SET owner = 'next' WHERE mailbox = 'work'")) {
                  return update.executeUpdate();
                }
              });
      Thread.sleep(300);
      assertThat(takeOver).as("the lease's row is locked until the claim commits").isNotDone();

      claiming.commit();
      assertThat(takeOver.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
    } finally {
      other.shutdownNow();
    }
    assertThat(store.ledger().hasReplyFor("work", "<a@x>")).isTrue();
  }

  @Test
  void aFreeLeaseIsTakenAndASecondProcessIsToldWhoHoldsIt() {
    Leases first = leasesOf("run", 4242, new MovableClock(NOW), holder -> false);
    Leases second = leasesOf("once", 4343, new MovableClock(NOW), holder -> false);

    assertThat(first.acquire("work")).isInstanceOf(Leases.Acquired.class);
    Leases.Outcome outcome = second.acquire("work");

    assertThat(outcome).isInstanceOf(Leases.Held.class);
    LeaseHolder holder = ((Leases.Held) outcome).holder();
    assertThat(holder.pid()).isEqualTo(4242);
    assertThat(holder.describe())
        .startsWith("afterhours run (pid 4242 on host-a, since 2026-11-30T21:15:30.123Z");
    assertThat(second.acquire("home"))
        .as("another mailbox is free")
        .isInstanceOf(Leases.Acquired.class);
  }

  @Test
  void anExpiredLeaseIsTakenOverAndItsFormerHolderCanNeitherRenewItNorRecordUnderIt() {
    MovableClock clock = new MovableClock(NOW);
    Leases first = leasesOf("run", 4242, clock, holder -> false);
    Leases second = leasesOf("run", 4343, clock, holder -> false);
    Lease old = ((Leases.Acquired) first.acquire("work")).lease();
    clock.advance(Duration.ofSeconds(9));
    assertThat(first.renew(old)).isTrue();
    clock.advance(Duration.ofSeconds(9));
    assertThat(second.acquire("work")).as("renewed, still held").isInstanceOf(Leases.Held.class);

    clock.advance(Duration.ofSeconds(2));
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(JdbcLeases.class);
    logger.addAppender(log);
    Leases.Outcome takeover;
    try {
      takeover = second.acquire("work");
    } finally {
      logger.detachAppender(log);
    }

    assertThat(takeover).isInstanceOf(Leases.Acquired.class);
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "mailbox=work lease taken over from afterhours run (pid 4242 on host-a, since"
                + " 2026-11-30T21:15:30.123Z): its lease expired");
    assertThat(first.renew(old)).isFalse();
    assertThat(second.holder("work").orElseThrow().pid()).isEqualTo(4343);
  }

  @Test
  void renewingAllAtOnceExtendsEveryLeaseStillOursAndNamesTheOnesTakenOver() {
    MovableClock clock = new MovableClock(NOW);
    Leases first = leasesOf("run", 4242, clock, holder -> false);
    Leases second = leasesOf("run", 4343, clock, holder -> false);
    List<Lease> mine = new java.util.ArrayList<>();
    for (int i = 0; i < JdbcLeases.IN_LIST + 2; i++) {
      mine.add(((Leases.Acquired) first.acquire("box" + i)).lease());
    }
    clock.advance(Duration.ofSeconds(11));
    assertThat(second.acquire("box1"))
        .as("expired: taken over")
        .isInstanceOf(Leases.Acquired.class);

    assertThat(first.renewAll(mine)).containsExactly("box1");

    clock.advance(Duration.ofSeconds(9));
    assertThat(second.acquire("box0")).as("renewed, still held").isInstanceOf(Leases.Held.class);
    assertThat(second.acquire("box" + (JdbcLeases.IN_LIST + 1)))
        .as("renewed too")
        .isInstanceOf(Leases.Held.class);
    assertThat(second.holder("box1").orElseThrow().pid()).isEqualTo(4343);
    assertThat(first.renewAll(List.of())).isEmpty();
  }

  @Test
  void takingManyLeasesAtOnceTakesTheFreeAndExpiredOnesAndNamesWhoHoldsTheRest() {
    MovableClock clock = new MovableClock(NOW);
    Leases first = leasesOf("run", 4242, clock, holder -> false);
    Leases second = leasesOf("run", 4343, clock, holder -> false);
    Lease expiring = ((Leases.Acquired) first.acquire("old")).lease();
    clock.advance(Duration.ofSeconds(5));
    first.acquire("live");
    clock.advance(Duration.ofSeconds(6)); // "old" has expired, "live" has not
    List<String> wanted = new java.util.ArrayList<>(List.of("live", "old"));
    for (int i = 0; i < JdbcLeases.IN_LIST + 2; i++) {
      wanted.add("box" + i);
    }

    Map<String, Leases.Outcome> outcomes = second.acquireAll(wanted);

    assertThat(outcomes.keySet()).as("in the order asked").containsExactlyElementsOf(wanted);
    assertThat(outcomes.get("live")).isInstanceOf(Leases.Held.class);
    assertThat(((Leases.Held) outcomes.get("live")).holder().pid()).isEqualTo(4242);
    assertThat(outcomes.get("old")).as("expired: taken over").isInstanceOf(Leases.Acquired.class);
    assertThat(first.renew(expiring)).as("the former holder lost it").isFalse();
    assertThat(outcomes.get("box" + (JdbcLeases.IN_LIST + 1)))
        .as("free, though read in the second SELECT")
        .isInstanceOf(Leases.Acquired.class);
    List<Lease> taken =
        outcomes.values().stream()
            .filter(Leases.Acquired.class::isInstance)
            .map(o -> ((Leases.Acquired) o).lease())
            .toList();
    assertThat(taken).hasSize(wanted.size() - 1);
    assertThat(taken.stream().map(Lease::owner).distinct()).hasSameSizeAs(taken);
    assertThat(second.renewAll(taken)).as("every lease taken is ours").isEmpty();
    assertThat(first.acquire("box0")).isInstanceOf(Leases.Held.class);
    assertThat(second.acquireAll(List.of())).isEmpty();
  }

  @Test
  void theLeaseOfADeadProcessOnThisHostIsTakenOverAtOnce() {
    Leases crashed = leasesOf("once", 4242, new MovableClock(NOW), holder -> false);
    crashed.acquire("work");
    Leases restarted =
        leasesOf("once", 4343, new MovableClock(NOW), holder -> holder.pid() == 4242);

    assertThat(restarted.acquire("work")).isInstanceOf(Leases.Acquired.class);
  }

  @Test
  void aLeaseGivenBackIsFreeAtOnceAndLiveLeasesAreCountedByName() {
    MovableClock clock = new MovableClock(NOW);
    Leases a = leasesOf("run", 1, clock, holder -> false);
    Leases b = leasesOf("run", 2, clock, holder -> false);
    Lease lease = ((Leases.Acquired) a.acquire("work")).lease();
    a.acquire("@node/a");
    b.acquire("@node/b");
    assertThat(a.countHeld("@node/")).isEqualTo(2);

    a.release(lease);

    assertThat(b.acquire("work")).isInstanceOf(Leases.Acquired.class);
    clock.advance(Duration.ofSeconds(11));
    assertThat(a.countHeld("@node/")).as("expired nodes are not counted").isZero();
  }

  @Test
  void nobodyIsACorrespondentBeforeTheSentFolderWasRead() {
    assertThat(store.correspondents().knows("work", "anna@klien.test")).isFalse();
    assertThat(store.correspondents().sentCursor("work", "Sent")).isEmpty();
  }

  @Test
  void learnsCorrespondentsAndMovesTheSentCursorInOneCommit() {
    Instant written = Instant.parse("2026-11-20T03:00:00Z");

    store
        .correspondents()
        .learn(
            "work",
            "Sent",
            7,
            42,
            Map.of("anna@klien.test", written, "Boss@Klien.Test", written.plusSeconds(60)));

    assertThat(store.correspondents().knows("work", "anna@klien.test")).isTrue();
    assertThat(store.correspondents().knows("work", "boss@klien.test")).isTrue();
    assertThat(store.correspondents().knows("work", "BOSS@klien.test")).isTrue();
    assertThat(store.correspondents().knows("work", "citra@klien.test")).isFalse();
    assertThat(store.correspondents().sentCursor("work", "Sent"))
        .contains(new FolderCursor(7, 42, Instant.parse("2026-11-30T21:15:30.123Z")));
    assertThat(store.cursors().cursor("work", "Sent"))
        .as("the cursor of a watched folder of that name is another")
        .isEmpty();
  }

  @Test
  void correspondentsBelongToTheirMailbox() {
    store.correspondents().learn("work", "Sent", 7, 1, Map.of("anna@klien.test", NOW));

    assertThat(store.correspondents().knows("home", "anna@klien.test")).isFalse();
    assertThat(store.correspondents().sentCursor("home", "Sent")).isEmpty();
  }

  @Test
  void learningAnAddressAgainOnlyWidensWhenTheOwnerFirstAndLastWroteToIt() throws Exception {
    Instant monday = Instant.parse("2026-11-23T03:00:00Z");
    store.correspondents().learn("work", "Sent", 7, 10, Map.of("anna@klien.test", monday));

    // A renumbered folder read again, then newer and older mail (history read out of order).
    store.correspondents().learn("work", "Sent", 8, 3, Map.of("anna@klien.test", monday));
    store
        .correspondents()
        .learn("work", "Sent", 8, 4, Map.of("anna@klien.test", monday.plus(Duration.ofDays(2))));
    store
        .correspondents()
        .learn("work", "Sent", 8, 5, Map.of("anna@klien.test", monday.minus(Duration.ofDays(9))));

    assertThat(seen("work", "anna@klien.test"))
        .containsExactly(
            monday.minus(Duration.ofDays(9)).toEpochMilli(),
            monday.plus(Duration.ofDays(2)).toEpochMilli());
    assertThat(store.correspondents().sentCursor("work", "Sent"))
        .map(c -> List.of(c.uidValidity(), c.lastUid()))
        .contains(List.of(8L, 5L));
  }

  @Test
  void aReadWithNobodyNewStillMovesTheSentCursor() {
    store.correspondents().learn("work", "Sent", 7, 10, Map.of());

    assertThat(store.correspondents().sentCursor("work", "Sent"))
        .map(FolderCursor::lastUid)
        .contains(10L);
  }

  /** first_seen and last_seen of a correspondent, as stored. */
  private List<Long> seen(String mailbox, String address) throws Exception {
    try (var connection = store.dataSource().getConnection();
        var select =
            connection.prepareStatement(
                "SELECT first_seen, last_seen FROM correspondent WHERE mailbox = ? AND address = ?")) {
      select.setString(1, mailbox);
      select.setString(2, address);
      try (var row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        return List.of(row.getLong(1), row.getLong(2));
      }
    }
  }

  private Leases leasesOf(
      String command, long pid, Clock clock, java.util.function.Predicate<LeaseHolder> dead) {
    return new JdbcLeases(
        store.dataSource(),
        clock,
        new ProcessIdentity("host-a", pid, Instant.EPOCH, command),
        Duration.ofSeconds(10),
        dead);
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** Marks the pending reply with this Message-ID sent; false when none is pending. */
  boolean sent(String replyId, Instant at) {
    Optional<PendingReply> pending = pendingWithId(replyId);
    pending.ifPresent(
        p ->
            store
                .ledger()
                .recordSent(
                    p, at, decisionAt(p.mailbox(), 1, p.originalMessageId(), Outcome.REPLY)));
    return pending.isPresent();
  }

  /** Forgets the pending reply with this Message-ID; false when none is pending. */
  boolean notSent(String replyId) {
    Optional<PendingReply> pending = pendingWithId(replyId);
    pending.ifPresent(
        p -> store.ledger().recordNotSent(p, retried(p.mailbox(), 1, p.originalMessageId())));
    return pending.isPresent();
  }

  private Optional<PendingReply> pendingWithId(String replyId) {
    return List.of("work", "home").stream()
        .flatMap(m -> store.ledger().pendingReplies(m).stream())
        .filter(p -> p.replyMessageId().equals(replyId))
        .findFirst();
  }

  /** The lease token of this test's process for {@code mailbox}, taken on first use. */
  String owner(String mailbox) {
    return leases
        .computeIfAbsent(
            mailbox,
            m -> ((Leases.Acquired) store.leases("test", Duration.ofMinutes(5)).acquire(m)).lease())
        .owner();
  }

  PendingReply pending(String mailbox, String original, String replyId, Instant at) {
    return new PendingReply(
        mailbox,
        original,
        "INBOX",
        1,
        "client@example.org",
        "client@example.org",
        replyId,
        owner(mailbox),
        at);
  }

  PendingReply reply(String original, String replyId, String sender, Instant at) {
    return new PendingReply(
        "work", original, "INBOX", 1, sender, sender, replyId, owner("work"), at);
  }

  @Test
  void keepsAwayPeriodsForOneMailboxOrEveryMailboxAndLogsWhoSetThem() {
    Instant T = NOW.truncatedTo(ChronoUnit.SECONDS); // the store keeps milliseconds
    AwayPeriod leave =
        new AwayPeriod(
            T,
            T.plus(Duration.ofDays(3)),
            "away",
            "cuti",
            List.of("rekan@example.com", "sari@example.com"));
    AwayPeriod course =
        new AwayPeriod(T.plus(Duration.ofDays(7)), T.plus(Duration.ofDays(8)), "away", "");

    KeptAway forEvery = store.awayPeriods().set(Optional.empty(), leave, "command", T);
    KeptAway forHome = store.awayPeriods().set(Optional.of("home"), course, "page", T);

    assertThat(forHome.id()).isNotEqualTo(forEvery.id());
    assertThat(store.awayPeriods().forMailbox("work"))
        .extracting(KeptAway::period)
        .containsExactly(leave);
    assertThat(store.awayPeriods().forMailbox("home"))
        .extracting(KeptAway::period)
        .containsExactly(leave, course);
    assertThat(store.awayPeriods().all())
        .extracting(KeptAway::mailbox, KeptAway::createdBy)
        .containsExactly(tuple(Optional.empty(), "command"), tuple(Optional.of("home"), "page"));
    assertThat(
            store
                .awayPeriods()
                .changes(Optional.of("work"), Optional.empty(), Optional.empty(), 10))
        .extracting(AwayChange::by, AwayChange::action, AwayChange::periodId)
        .containsExactly(tuple("command", AwayChange.Action.SET, forEvery.id()));
    assertThat(store.awayPeriods().end(forEvery.id(), T.plus(Duration.ofDays(1)), "command"))
        .get()
        .extracting(k -> k.period().forwardTo())
        .as("ended early, its stand-ins kept")
        .isEqualTo(List.of("rekan@example.com", "sari@example.com"));
  }

  @Test
  void endingAPeriodInForceEndsItNowAndTakingBackOneToComeRemovesItBothLogged() {
    Instant T = NOW.truncatedTo(ChronoUnit.SECONDS); // the store keeps milliseconds
    Instant later = T.plus(Duration.ofHours(5));
    KeptAway now =
        store
            .awayPeriods()
            .set(
                Optional.of("work"),
                new AwayPeriod(T.minus(Duration.ofDays(1)), T.plus(Duration.ofDays(2)), "away", ""),
                "page",
                T);
    KeptAway toCome =
        store
            .awayPeriods()
            .set(
                Optional.of("work"),
                new AwayPeriod(T.plus(Duration.ofDays(9)), T.plus(Duration.ofDays(10)), "away", ""),
                "page",
                T);

    assertThat(store.awayPeriods().endCurrent(Optional.of("work"), later, "command"))
        .extracting(k -> k.period().until())
        .containsExactly(later);
    assertThat(store.awayPeriods().end(toCome.id(), later, "page")).isPresent();
    assertThat(store.awayPeriods().end(now.id(), later.plusSeconds(60), "page"))
        .as("a period that is over stays as it was")
        .isEmpty();

    assertThat(store.awayPeriods().forMailbox("work"))
        .extracting(k -> k.id(), k -> k.period().until())
        .containsExactly(tuple(now.id(), later));
    assertThat(
            store.awayPeriods().changes(Optional.empty(), Optional.of(later), Optional.empty(), 10))
        .extracting(AwayChange::by, AwayChange::action)
        .containsExactly(
            tuple("page", AwayChange.Action.CANCELLED), tuple("command", AwayChange.Action.ENDED));
  }

  @Test
  void sumsUpTheFinalDecisionsOfASpanBySenderAndReason() {
    Instant first = NOW.minus(Duration.ofHours(3));
    store
        .decisions()
        .record(decisionFrom("budi@example.org", first, Outcome.REPLY, "after-hours.id"));
    store
        .decisions()
        .record(
            decisionFrom(
                "budi@example.org",
                NOW.minus(Duration.ofHours(2)),
                Outcome.SKIP,
                "ALREADY_REPLIED_IN_WINDOW"));
    store
        .decisions()
        .record(
            decisionFrom(
                "budi@example.org",
                NOW.minus(Duration.ofHours(1)),
                Outcome.SKIP,
                "ALREADY_REPLIED_IN_WINDOW"));
    store
        .decisions()
        .record(
            decisionFrom(
                "list@example.org", NOW.minus(Duration.ofHours(1)), Outcome.SKIP, "LIST_MAIL"));
    store
        .decisions()
        .record(
            decisionFrom(
                "old@example.org", NOW.minus(Duration.ofDays(9)), Outcome.REPLY, "after-hours.id"));
    store.decisions().record(retried("work", 40, "<retried@x>"));

    // The retried failure at NOW is in the span, but not a final decision.
    assertThat(
            store
                .decisions()
                .countsBySender(
                    Optional.of("work"), NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(1)))
        .containsExactly(
            new SenderCount(
                "budi@example.org",
                Outcome.REPLY,
                "after-hours.id",
                1,
                first.truncatedTo(ChronoUnit.MILLIS),
                first.truncatedTo(ChronoUnit.MILLIS)),
            new SenderCount(
                "budi@example.org",
                Outcome.SKIP,
                "ALREADY_REPLIED_IN_WINDOW",
                2,
                NOW.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS),
                NOW.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS)),
            new SenderCount(
                "list@example.org",
                Outcome.SKIP,
                "LIST_MAIL",
                1,
                NOW.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS),
                NOW.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS)));
    assertThat(
            store
                .decisions()
                .countsBySender(Optional.of("home"), NOW.minus(Duration.ofDays(1)), NOW))
        .isEmpty();
  }

  @Test
  void theHistoryIsFilteredByDecision() {
    store.decisions().record(decisionFrom("a@example.org", NOW, Outcome.REPLY, "after-hours.id"));
    store.decisions().record(decisionFrom("b@example.org", NOW, Outcome.SKIP, "LIST_MAIL"));

    assertThat(
            store
                .decisions()
                .history(Optional.of("work"), Optional.empty(), Optional.of(Outcome.SKIP), 10))
        .extracting(DecisionRecord::from)
        .containsExactly("b@example.org");
  }

  static DecisionRecord decisionFrom(String from, Instant at, Outcome outcome, String reason) {
    return new DecisionRecord(
        at,
        "work",
        "INBOX",
        at.toEpochMilli() % 100_000,
        "<" + from + at + ">",
        from,
        outcome,
        reason,
        "",
        Optional.empty(),
        Optional.empty());
  }

  static DecisionRecord decisionAt(String mailbox, long uid, String messageId, Outcome outcome) {
    return new DecisionRecord(
        NOW,
        mailbox,
        "INBOX",
        uid,
        messageId,
        "client@example.org",
        outcome,
        outcome == Outcome.FAILED ? "550 user unknown" : "after-hours.en",
        "",
        Optional.empty(),
        Optional.empty());
  }

  static DecisionRecord retried(String mailbox, long uid, String messageId) {
    return new DecisionRecord(
        NOW,
        mailbox,
        "INBOX",
        uid,
        messageId,
        "client@example.org",
        Outcome.FAILED,
        "451 try later",
        "",
        Optional.empty(),
        Optional.empty(),
        true);
  }

  static DecisionRecord decision(String mailbox, Instant at, Outcome outcome) {
    return new DecisionRecord(
        at,
        mailbox,
        "INBOX",
        17,
        "<m@x>",
        "client@example.org",
        outcome,
        "LIST_MAIL",
        "List-Id: <dev.example.org>",
        Optional.empty(),
        Optional.empty());
  }

  static DecisionRecord decisionWithReason(String reason) {
    return new DecisionRecord(
        NOW,
        "work",
        "INBOX",
        1,
        "<m@x>",
        "",
        Outcome.FAILED,
        reason,
        "",
        Optional.empty(),
        Optional.empty());
  }
}
