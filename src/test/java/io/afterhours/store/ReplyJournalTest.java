package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyJournalTest {
  private static final Instant NOW = Instant.parse("2026-12-07T20:15:00.123Z");

  @TempDir Path dir;

  @Test
  void readsBackEveryFieldOfEveryEntryInOrder() throws IOException {
    JournalEntry first = entry(1, "<a@klien>");
    JournalEntry second =
        new JournalEntry(
            2,
            new Outcomes(
                List.of(
                    new DecisionRecord(
                        NOW,
                        "work",
                        "Archive/2026",
                        7,
                        "<b@klien>",
                        "Budi <budi@klien.test>",
                        Outcome.FAILED,
                        "SMTP_REFUSED",
                        "550 5.1.1 ünknown — " + "x".repeat(70_000),
                        Optional.of("budi@klien.test"),
                        Optional.of("<r-b@studio>"),
                        true)),
                List.of(),
                List.of(reply("<c@klien>")),
                List.of(
                    PendingReply.forward(
                        "work", "<b@klien>", "INBOX", 7, "Sari@Studio.test", "<f@s>", "own", NOW))),
            Optional.empty());
    try (ReplyJournal journal = ReplyJournal.create(dir.resolve("store"))) {
      journal.append(first);
      journal.append(second);

      assertThat(journal.entries()).isEqualTo(2);
      ReplyJournal.Contents contents = journal.read();
      assertThat(contents.entries()).containsExactly(first, second);
      assertThat(contents.tornAt()).isEmpty();
    }
  }

  @Test
  void stopsAtATornLastEntryAndSaysWhere() throws IOException {
    Written two = twoEntriesLeftBehind();
    try (RandomAccessFile cut = new RandomAccessFile(two.file().toFile(), "rw")) {
      cut.seek(two.end() - 5); // killed before the second entry's last bytes were written
      cut.write(new byte[5]);
    }

    try (ReplyJournal orphan = ReplyJournal.claimOrphan(two.file()).orElseThrow()) {
      ReplyJournal.Contents contents = orphan.read();
      assertThat(contents.entries()).containsExactly(entry(1, "<a@klien>"));
      assertThat(contents.tornAt()).contains((int) two.secondAt());
    }
  }

  @Test
  void stopsAtAnEntryWhoseBytesAreDamaged() throws IOException {
    Written two = twoEntriesLeftBehind();
    try (RandomAccessFile damage = new RandomAccessFile(two.file().toFile(), "rw")) {
      damage.seek(two.secondAt() + 20);
      damage.write(damage.read() ^ 0x40);
    }

    try (ReplyJournal orphan = ReplyJournal.claimOrphan(two.file()).orElseThrow()) {
      assertThat(orphan.read().entries()).hasSize(1);
      assertThat(orphan.read().tornAt()).contains((int) two.secondAt());
    }
  }

  @Test
  void aJournalHeldByARunningWriterIsNoOrphanAndAReleasedOneIs() throws IOException {
    try (ReplyJournal journal = ReplyJournal.create(dir.resolve("store"))) {
      assertThat(ReplyJournal.files(dir.resolve("store"))).containsExactly(journal.file());
      assertThat(ReplyJournal.claimOrphan(journal.file())).isEmpty();
    }
    Path left = ReplyJournal.files(dir.resolve("store")).get(0);
    try (ReplyJournal orphan = ReplyJournal.claimOrphan(left).orElseThrow()) {
      assertThat(ReplyJournal.fileOf(dir.resolve("store"), orphan.id())).isEqualTo(left);
    }
  }

  @Test
  void clearingForgetsEveryEntryAndLaterOnesFollowFromTheStart() throws IOException {
    try (ReplyJournal journal = ReplyJournal.create(dir.resolve("store"))) {
      journal.append(entry(1, "<a@klien>"));
      journal.clear();
      journal.append(entry(2, "<b@klien>"));

      assertThat(journal.entries()).isEqualTo(1);
      assertThat(journal.read().entries()).containsExactly(entry(2, "<b@klien>"));
    }
  }

  @Test
  void entriesOverwriteZerosWrittenAheadAndTheFileGrowsOnlyInSteps() throws IOException {
    try (ReplyJournal journal = ReplyJournal.create(dir.resolve("store"))) {
      assertThat(Files.size(journal.file())).isEqualTo(ReplyJournal.STEP);
      List<JournalEntry> appended = new java.util.ArrayList<>();
      for (int seq = 1; journal.end() < ReplyJournal.STEP; seq++) {
        assertThat(Files.size(journal.file()))
            .as("before entry %d", seq)
            .isEqualTo(ReplyJournal.STEP);
        JournalEntry entry = entry(seq, "<m" + seq + "@klien>");
        journal.append(entry);
        appended.add(entry);
      }

      assertThat(Files.size(journal.file())).isEqualTo(2L * ReplyJournal.STEP);
      assertThat(journal.read().entries()).isEqualTo(appended);
      assertThat(journal.read().tornAt()).isEmpty();
    }
  }

  @Test
  void aClearedJournalReadsEmptyAndKeepsItsSize() throws IOException {
    try (ReplyJournal journal = ReplyJournal.create(dir.resolve("store"))) {
      journal.append(entry(1, "<a@klien>"));
      journal.append(entry(2, "<b@klien>"));
      journal.clear();

      assertThat(journal.read().entries()).isEmpty();
      assertThat(journal.read().tornAt()).isEmpty();
      assertThat(Files.size(journal.file())).isEqualTo(ReplyJournal.STEP);
    }
  }

  @Test
  void readsAJournalThatEndsWithItsLastEntryAsAnEarlierVersionLeftIt() throws IOException {
    Written two = twoEntriesLeftBehind();
    try (RandomAccessFile cut = new RandomAccessFile(two.file().toFile(), "rw")) {
      cut.setLength(two.end()); // no zeros ahead: each entry was appended
    }

    try (ReplyJournal orphan = ReplyJournal.claimOrphan(two.file()).orElseThrow()) {
      assertThat(orphan.read().entries())
          .containsExactly(entry(1, "<a@klien>"), entry(2, "<b@klien>"));
      assertThat(orphan.read().tornAt()).isEmpty();
    }
  }

  @Test
  void refusesAnEntryOfAnotherFormatByName() throws IOException {
    byte[] bytes = entry(1, "<a@klien>").encode();
    bytes[0] = 9;

    assertThatThrownBy(
            () ->
                JournalEntry.decode(
                    new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("format 9");
  }

  /** A journal of two entries, released as by a process that stopped. */
  private Written twoEntriesLeftBehind() throws IOException {
    try (ReplyJournal journal = ReplyJournal.create(dir.resolve("store"))) {
      journal.append(entry(1, "<a@klien>"));
      long secondAt = journal.end();
      journal.append(entry(2, "<b@klien>"));
      return new Written(journal.file(), secondAt, journal.end());
    }
  }

  private record Written(Path file, long secondAt, long end) {}

  private static JournalEntry entry(long seq, String original) {
    return new JournalEntry(
        seq,
        new Outcomes(
            List.of(
                new DecisionRecord(
                    NOW,
                    "work",
                    "INBOX",
                    seq,
                    original,
                    "budi@klien.test",
                    Outcome.REPLY,
                    "CLOSED",
                    "",
                    Optional.of("budi@klien.test"),
                    Optional.of("<r@studio>"))),
            List.of(new Outcomes.SentReply(reply(original), NOW.plusMillis(5))),
            List.of()),
        Optional.of(reply("<next-" + seq + "@klien>")));
  }

  private static PendingReply reply(String original) {
    return new PendingReply(
        "work",
        original,
        "INBOX",
        3,
        "Budi@Klien.test",
        "budi@klien.test",
        "<r" + original.hashCode() + "@studio>",
        "owner-token",
        NOW);
  }
}
