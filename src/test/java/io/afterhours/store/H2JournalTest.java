package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.Leases;
import io.afterhours.pass.Ledger.Claim;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's journal on an H2 file store: what a process killed before H2 wrote its pages leaves
 * is the H2 file as it was and the journal, which a copy of both while the store is open stands
 * for. H2's write delay is set far beyond the test, so H2 writes nothing of its own meanwhile.
 */
class H2JournalTest {
  private static final Instant NOW = Instant.parse("2026-12-07T20:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private Path live;

  @BeforeEach
  void createTheStore() {
    live = dir.resolve("live");
    // Created and closed, so that the schema is on the disk before H2 stops writing.
    Store.open(StoreSettings.of("jdbc:h2:file:" + live.resolve("store")), CLOCK).close();
  }

  @Test
  void aClaimAndASentReplyThatTheTablesLostAreReplayedFromTheJournal() throws Exception {
    Path crashed = dir.resolve("crashed");
    Path withoutJournal = dir.resolve("without-journal");
    try (Store store = openNotWriting(live)) {
      PendingReply first = pending(store, "<a@klien>", "<r-a@studio>");
      PendingReply second = pending(store, "<b@klien>", "<r-b@studio>");
      assertThat(store.ledger().recordPending(first)).isEqualTo(Claim.CLAIMED);
      assertThat(store.ledger().recordPending(second, sent(first, decided("<a@klien>", 1))))
          .isEqualTo(Claim.CLAIMED);

      copy(live, crashed, true);
      copy(live, withoutJournal, false);
    }

    try (Store lost = Store.open(settings(withoutJournal), CLOCK)) {
      assertThat(lost.replies().pendingReplies("work")).as("H2 had not written them").isEmpty();
      assertThat(lost.replies().hasReplyFor("work", "<a@klien>")).isFalse();
    }
    try (Store replayed = Store.open(settings(crashed), CLOCK)) {
      assertThat(replayed.replies().pendingReplies("work"))
          .extracting(PendingReply::replyMessageId)
          .containsExactly("<r-b@studio>");
      assertThat(replayed.replies().hasReplyFor("work", "<a@klien>")).as("sent").isTrue();
      assertThat(history(replayed))
          .extracting(DecisionRecord::messageId)
          .containsExactly("<a@klien>");
      assertThat(ReplyJournal.files(crashed.resolve("store")))
          .as("deleted once replayed")
          .isEmpty();
    }
  }

  @Test
  void aBaselineIsOnTheDiskAtOnceAndProgressLostWithTheTablesLeavesItsMessagesDecided()
      throws Exception {
    Path crashed = dir.resolve("crashed");
    try (Store store = openNotWriting(live)) {
      store.ledger().saveBaseline("work", "INBOX", 7, 100);
      store.ledger().record(Outcomes.of(skipped("<list@klien>", 101)));
      store.ledger().saveCursor("work", "INBOX", 7, 101);

      copy(live, crashed, true);
    }

    try (Store restarted = Store.open(settings(crashed), CLOCK)) {
      assertThat(restarted.ledger().cursor("work", "INBOX"))
          .as("the baseline, written at once; the progress after it was not")
          .map(FolderCursor::lastUid)
          .contains(100L);
      assertThat(restarted.ledger().decidedBetween("work", "INBOX", 100, 101))
          .as("the journal kept the decision: the pass reads uid 101 again and leaves it")
          .containsOnlyKeys(101L);
    }
  }

  @Test
  void entriesThatTheTablesHoldAlreadyAreNotAppliedAgain() throws Exception {
    Path crashed = dir.resolve("crashed");
    try (Store store = openNotWriting(live)) {
      PendingReply first = pending(store, "<a@klien>", "<r-a@studio>");
      PendingReply second = pending(store, "<b@klien>", "<r-b@studio>");
      store.ledger().recordPending(first, Outcomes.of(skipped("<earlier@klien>", 0)));
      checkpoint(store); // H2 writes the first entry's pages: the tables hold it
      store.ledger().recordPending(second, sent(first, decided("<a@klien>", 1)));

      copy(live, crashed, true);
    }

    try (Store replayed = Store.open(settings(crashed), CLOCK)) {
      assertThat(history(replayed))
          .extracting(DecisionRecord::messageId)
          .containsExactlyInAnyOrder("<earlier@klien>", "<a@klien>");
      assertThat(replayed.replies().pendingReplies("work"))
          .extracting(PendingReply::replyMessageId)
          .containsExactly("<r-b@studio>");
    }
  }

  @Test
  void aTornLastEntryIsLeftOutAndWhatCameBeforeItIsKept() throws Exception {
    Path crashed = dir.resolve("crashed");
    try (Store store = openNotWriting(live)) {
      PendingReply first = pending(store, "<a@klien>", "<r-a@studio>");
      PendingReply second = pending(store, "<b@klien>", "<r-b@studio>");
      store.ledger().recordPending(first);
      store.ledger().recordPending(second, sent(first, decided("<a@klien>", 1)));

      copy(live, crashed, true);
    }
    Path journal = ReplyJournal.files(crashed.resolve("store")).get(0);
    tearLastEntry(journal); // killed while writing the second entry

    try (Store replayed = Store.open(settings(crashed), CLOCK)) {
      // The second commit's reply was never handed over, and the first is still in doubt.
      assertThat(replayed.replies().pendingReplies("work"))
          .extracting(PendingReply::replyMessageId)
          .containsExactly("<r-a@studio>");
      assertThat(history(replayed)).isEmpty();
    }
  }

  @Test
  void aStoreClosedInOrderLeavesNoJournalAndItsTablesHoldEverything() throws Exception {
    try (Store store = openNotWriting(live)) {
      PendingReply first = pending(store, "<a@klien>", "<r-a@studio>");
      store.ledger().recordPending(first);
      assertThat(ReplyJournal.files(live.resolve("store"))).hasSize(1);
    }

    assertThat(ReplyJournal.files(live.resolve("store"))).isEmpty();
    try (Store reopened = Store.open(settings(live), CLOCK)) {
      assertThat(reopened.replies().pendingReplies("work")).hasSize(1);
    }
  }

  @Test
  void aJournalIsReplayedBeforeALeaseIsTakenByAProcessThatFindsItLater() throws Exception {
    Path crashed = dir.resolve("crashed");
    try (Store store = openNotWriting(live)) {
      store.ledger().recordPending(pending(store, "<a@klien>", "<r-a@studio>"));
      copy(live, crashed, false);
      try (Store open = Store.open(settings(crashed), CLOCK)) {
        // The journal turns up while the store is open, as when the process that held the file
        // died and this one took it over.
        copyJournals(live, crashed);
        assertThat(open.replies().pendingReplies("work")).isEmpty();

        open.leases("once", Duration.ofMinutes(1)).acquire("other");

        assertThat(open.replies().pendingReplies("work")).hasSize(1);
      }
    }
  }

  @Test
  void h2KeepsWritingInTheBackgroundWhateverConnectionsThePoolOpensLater() throws Exception {
    try (Store store = Store.open(settings(live), CLOCK)) {
      List<Connection> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < Store.POOL_SIZE; i++) {
          held.add(store.dataSource().getConnection()); // every connection of the pool opened
        }
        try (Statement statement = held.get(held.size() - 1).createStatement();
            var row =
                statement.executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
          assertThat(row.next()).isTrue();
          assertThat(row.getString(1)).isEqualTo(String.valueOf(H2FileUrl.WRITE_DELAY_OPEN));
        }
      } finally {
        for (Connection connection : held) {
          connection.close();
        }
      }
    }
  }

  @Test
  void aJournalThatCannotBeReadStopsTheOpeningByNameAndIsKept() throws Exception {
    byte[] entry =
        new JournalEntry(1, Outcomes.of(skipped("<a@klien>", 1)), Optional.empty()).encode();
    entry[0] = 9; // written by an afterhours of another journal format
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(entry);
    Path journal = ReplyJournal.fileOf(live.resolve("store"), "other");
    Files.write(
        journal,
        java.nio.ByteBuffer.allocate(8 + entry.length)
            .putInt(entry.length)
            .putInt((int) crc.getValue())
            .put(entry)
            .array());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Store.open(settings(live), CLOCK))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(journal.toString())
        .hasMessageContaining("format 9");
    assertThat(journal).exists();
  }

  private Store openNotWriting(Path at) {
    return Store.open(
        StoreSettings.of("jdbc:h2:file:" + at.resolve("store") + ";WRITE_DELAY=600000"), CLOCK);
  }

  private static StoreSettings settings(Path at) {
    return StoreSettings.of("jdbc:h2:file:" + at.resolve("store"));
  }

  /** The files a process killed now would leave, but for the lock H2 keeps while it runs. */
  private static void copy(Path from, Path to, boolean withJournal) throws IOException {
    Files.createDirectories(to);
    Files.copy(from.resolve("store.mv.db"), to.resolve("store.mv.db"));
    Files.copy(from.resolve("store.secret"), to.resolve("store.secret"));
    if (withJournal) {
      copyJournals(from, to);
    }
  }

  private static void copyJournals(Path from, Path to) throws IOException {
    for (Path journal : ReplyJournal.files(from.resolve("store"))) {
      Files.copy(journal, to.resolve(journal.getFileName()));
    }
  }

  /**
   * Zeros the last bytes of the journal's last entry, as a kill while writing it leaves them: the
   * zeros written ahead follow the entries, so its last non-zero byte lies in that entry, after its
   * length.
   */
  private static void tearLastEntry(Path journal) throws IOException {
    byte[] bytes = Files.readAllBytes(journal);
    int last = bytes.length - 1;
    while (bytes[last] == 0) {
      last--;
    }
    try (RandomAccessFile tear = new RandomAccessFile(journal.toFile(), "rw")) {
      tear.seek(last - 2);
      tear.write(new byte[3]);
    }
  }

  private static void checkpoint(Store store) throws SQLException {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  private static List<DecisionRecord> history(Store store) {
    return store.decisions().history(Optional.of("work"), Optional.empty(), 100);
  }

  private final java.util.Map<Store, String> owners = new java.util.IdentityHashMap<>();

  /** A pending reply, under the lease of mailbox "work", taken by the first call on a store. */
  private PendingReply pending(Store store, String original, String replyId) {
    String owner =
        owners.computeIfAbsent(
            store,
            s ->
                ((Leases.Acquired) s.leases("run", Duration.ofMinutes(5)).acquire("work"))
                    .lease()
                    .owner());
    return new PendingReply(
        "work", original, "INBOX", 1, "budi@klien.test", "budi@klien.test", replyId, owner, NOW);
  }

  private static Outcomes sent(PendingReply reply, DecisionRecord decision) {
    return new Outcomes(
        List.of(decision), List.of(new Outcomes.SentReply(reply, NOW.plusSeconds(1))), List.of());
  }

  private static DecisionRecord decided(String messageId, long uid) {
    return decision(messageId, uid, Outcome.REPLY, "CLOSED", Optional.of("budi@klien.test"));
  }

  private static DecisionRecord skipped(String messageId, long uid) {
    return decision(messageId, uid, Outcome.SKIP, "LIST_MAIL", Optional.empty());
  }

  private static DecisionRecord decision(
      String messageId, long uid, Outcome outcome, String reason, Optional<String> replyTo) {
    return new DecisionRecord(
        NOW,
        "work",
        "INBOX",
        uid,
        messageId,
        "budi@klien.test",
        outcome,
        reason,
        "",
        replyTo,
        replyTo.map(to -> "<r@studio>"));
  }
}
