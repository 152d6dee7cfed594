package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.afterhours.store.DecisionRecord.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, whatever the database. Each test gets a fresh, empty database from
 * {@link #freshDatabase()}.
 */
abstract class StoreContract {
  static final Instant NOW = Instant.parse("2026-11-30T21:15:30.123456789Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  StoreSettings settings;
  Store store;

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
    assertThat(store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW))).isTrue();

    assertThat(store.replies().recordPending(pending("work", "<a@x>", "<r2@me>", NOW))).isFalse();
    assertThat(store.replies().pendingReplies("work"))
        .extracting(PendingReply::replyMessageId)
        .containsExactly("<r1@me>");
  }

  @Test
  void theSameOriginalMayBeAnsweredOnceInEachMailbox() {
    assertThat(store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW))).isTrue();
    assertThat(store.replies().recordPending(pending("home", "<a@x>", "<r2@me>", NOW))).isTrue();
  }

  @Test
  void reusingTheMessageIdOfAnotherReplyIsAnErrorNotARefusal() {
    store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

    assertThatThrownBy(
            () -> store.replies().recordPending(pending("work", "<b@x>", "<r1@me>", NOW)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("<r1@me>");
  }

  @Test
  void twoNodesRacingForTheSameOriginalsSendOneReplyEach() throws Exception {
    try (Store otherNode = Store.open(settings, CLOCK)) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int i = 0; i < 20; i++) {
          String original = "<race-" + i + "@x>";
          Callable<Boolean> first =
              () ->
                  store.replies().recordPending(pending("work", original, "<n1-" + original, NOW));
          Callable<Boolean> second =
              () ->
                  otherNode
                      .replies()
                      .recordPending(pending("work", original, "<n2-" + original, NOW));
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
    store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));
    store.replies().recordPending(pending("work", "<b@x>", "<r2@me>", NOW));

    assertThat(store.replies().markSent("<r1@me>", NOW.plusSeconds(2))).isTrue();

    assertThat(store.replies().pendingReplies("work"))
        .extracting(PendingReply::replyMessageId)
        .containsExactly("<r2@me>");
    assertThat(store.replies().hasReplyFor("work", "<a@x>")).isTrue();
  }

  @Test
  void markingAnUnknownReplySentChangesNothing() {
    assertThat(store.replies().markSent("<nobody@me>", NOW)).isFalse();
  }

  @Test
  void pendingRepliesAreListedPerMailboxOldestFirstAsRecorded() {
    PendingReply newer = pending("work", "<b@x>", "<r2@me>", NOW.plusSeconds(60));
    PendingReply older = pending("work", "<a@x>", "<r1@me>", NOW);
    store.replies().recordPending(newer);
    store.replies().recordPending(older);
    store.replies().recordPending(pending("home", "<c@x>", "<r3@me>", NOW));

    assertThat(store.replies().pendingReplies("work")).containsExactly(older, newer);
  }

  @Test
  void discardingAPendingReplyLetsTheOriginalBeAnsweredAgain() {
    store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

    assertThat(store.replies().discardPending("<r1@me>")).isTrue();

    assertThat(store.replies().hasReplyFor("work", "<a@x>")).isFalse();
    assertThat(store.replies().isOurReply("<r1@me>")).isFalse();
    assertThat(store.replies().recordPending(pending("work", "<a@x>", "<r2@me>", NOW))).isTrue();
  }

  @Test
  void aSentReplyIsNeverDiscarded() {
    store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));
    store.replies().markSent("<r1@me>", NOW);

    assertThat(store.replies().discardPending("<r1@me>")).isFalse();
    assertThat(store.replies().hasReplyFor("work", "<a@x>")).isTrue();
  }

  @Test
  void theLastReplyToASenderIsTheNewestPendingOrSentWhateverTheCase() {
    store.replies().recordPending(reply("<a@x>", "<r1@me>", "Client@Example.org", NOW));
    store.replies().markSent("<r1@me>", NOW);
    store
        .replies()
        .recordPending(reply("<b@x>", "<r2@me>", "client@example.org", NOW.plusSeconds(3600)));
    store
        .replies()
        .recordPending(reply("<c@x>", "<r3@me>", "other@example.org", NOW.plusSeconds(7200)));

    assertThat(store.replies().lastReplyTo("work", "CLIENT@example.ORG"))
        .contains(Instant.parse("2026-11-30T22:15:30.123Z"));
    assertThat(store.replies().lastReplyTo("home", "client@example.org")).isEmpty();
    assertThat(store.replies().lastReplyTo("work", "stranger@example.org")).isEmpty();
  }

  @Test
  void countsAMailboxsRepliesRecordedSinceAnInstantPendingOrSent() {
    store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW.minusSeconds(3600)));
    store.replies().recordPending(pending("work", "<b@x>", "<r2@me>", NOW.minusSeconds(1800)));
    store.replies().recordPending(pending("work", "<c@x>", "<r3@me>", NOW));
    store.replies().markSent("<r3@me>", NOW);
    store.replies().recordPending(pending("home", "<d@x>", "<r4@me>", NOW));

    assertThat(store.replies().repliesSince("work", NOW.minusSeconds(3600))).isEqualTo(3);
    assertThat(store.replies().repliesSince("work", NOW.minusSeconds(3599))).isEqualTo(2);
    assertThat(store.replies().repliesSince("home", NOW.minusSeconds(3600))).isEqualTo(1);
    assertThat(store.replies().repliesSince("nobody", NOW.minusSeconds(3600))).isZero();
  }

  @Test
  void recognisesOurOwnRepliesByTheirMessageId() {
    store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

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
  void pruningDeletesOnlyDecisionsOlderThanTheCutOff() {
    store.decisions().record(decision("work", NOW.minusSeconds(7200), Outcome.SKIP));
    store.decisions().record(decision("work", NOW.minusSeconds(3600), Outcome.SKIP));
    store.decisions().record(decision("work", NOW, Outcome.SKIP));

    assertThat(store.decisions().pruneOlderThan(NOW.minusSeconds(3600))).isEqualTo(1);
    assertThat(store.decisions().history(Optional.empty(), Optional.empty(), 10)).hasSize(2);
    assertThat(store.decisions().pruneOlderThan(NOW.minusSeconds(3600))).isZero();
  }

  @Test
  void instantsRoundTripToTheMillisecondOnEitherSideOfTheEpoch() {
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
    store.decisions().record(decision("work", beforeEpoch, Outcome.SKIP));
    store.replies().recordPending(pending("work", "<a@x>", "<r1@me>", NOW));

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
  void pruningForgetsOldSentRepliesButKeepsPendingAndRecentOnes() {
    var replies = store.replies();
    replies.recordPending(pending("work", "<old@x>", "<afterhours.old@me>", NOW.minusSeconds(100)));
    replies.markSent("<afterhours.old@me>", NOW.minusSeconds(100));
    replies.recordPending(pending("work", "<new@x>", "<afterhours.new@me>", NOW));
    replies.markSent("<afterhours.new@me>", NOW);
    replies.recordPending(
        pending("work", "<wait@x>", "<afterhours.wait@me>", NOW.minusSeconds(100)));

    assertThat(replies.pruneSentOlderThan(NOW.minusSeconds(10))).isEqualTo(1);

    assertThat(replies.hasReplyFor("work", "<old@x>")).isFalse();
    assertThat(replies.hasReplyFor("work", "<new@x>")).isTrue();
    assertThat(replies.pendingReplies("work")).hasSize(1);
  }

  @Test
  void aMessageWithAReplyOrSkipIsSettledButAFailedOneIsNot() {
    var decisions = store.decisions();
    decisions.record(decision("work", NOW, Outcome.FAILED));
    assertThat(decisions.isSettled("work", "INBOX", 17, "<m@x>")).isFalse();

    decisions.record(decision("work", NOW, Outcome.SKIP));
    assertThat(decisions.isSettled("work", "INBOX", 17, "<m@x>")).isTrue();
    assertThat(decisions.isSettled("work", "INBOX", 17, "<other@x>")).isFalse();
    assertThat(decisions.isSettled("home", "INBOX", 17, "<m@x>")).isFalse();
  }

  static PendingReply pending(String mailbox, String original, String replyId, Instant at) {
    return new PendingReply(
        mailbox, original, "client@example.org", "client@example.org", replyId, at);
  }

  static PendingReply reply(String original, String replyId, String sender, Instant at) {
    return new PendingReply("work", original, sender, sender, replyId, at);
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
