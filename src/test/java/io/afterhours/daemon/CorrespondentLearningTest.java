package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.FolderCursor;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MailboxIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Learning whom the owner writes to from the Sent folder ({@code reply.only-to = correspondents}),
 * over an in-memory mail server and store.
 */
class CorrespondentLearningTest {
  private static final Instant T0 = Instant.parse("2026-11-20T03:00:00Z");
  private static final MailboxIdentity OWNER =
      new MailboxIdentity(
          "work", new MailAddress("owner@studio.test", "Owner"), List.of("me@studio.test"));

  private final FakeMailServer server = new FakeMailServer(new CrashSwitch(), true);
  private final InMemoryCorrespondentBook book = new InMemoryCorrespondentBook();
  private final CorrespondentLearning learning =
      new CorrespondentLearning(OWNER, server.imap(), book);
  private int written;

  /** The owner writes a message by hand to {@code recipients}. */
  private long write(String... recipients) {
    written++;
    return server.ownerSent(
        T0.plus(Duration.ofMinutes(written)),
        "<m" + written + "@mail.studio.test>",
        "",
        recipients);
  }

  private boolean knows(String address) {
    return book.knows("work", address);
  }

  @Test
  void theFirstLearningReadsTheNewestHistoryOfTheSentFolderInSlices() throws Exception {
    for (int i = 0; i < CorrespondentLearning.HISTORY + 3; i++) {
      write("client" + i + "@klien.test");
    }

    learning.refresh();

    assertThat(server.sentMessagesRead()).isEqualTo(CorrespondentLearning.HISTORY);
    assertThat(book.commits())
        .isEqualTo(CorrespondentLearning.HISTORY / CorrespondentLearning.SLICE + 1);
    assertThat(knows("client2@klien.test")).as("older than the history read").isFalse();
    assertThat(knows("client3@klien.test")).isTrue();
    assertThat(knows("client5002@klien.test")).isTrue();
    assertThat(book.sentCursor("work", "Sent"))
        .map(FolderCursor::lastUid)
        .contains((long) CorrespondentLearning.HISTORY + 3);
  }

  @Test
  void theNextPassReadsOnlyTheSentMailThatIsNewAndWritesNothingWhenThereIsNone() throws Exception {
    write("anna@klien.test");
    write("budi@klien.test");
    learning.refresh();
    int readBefore = server.sentMessagesRead();
    int commitsBefore = book.commits();

    write("citra@klien.test");
    learning.refresh();
    learning.refresh();

    assertThat(server.sentMessagesRead() - readBefore).isEqualTo(1);
    assertThat(book.commits() - commitsBefore).isEqualTo(1);
    assertThat(knows("citra@klien.test")).isTrue();
  }

  @Test
  void everyRecipientCountsLowerCaseExceptTheOwnerAndTheLatestMailDatesIt() throws Exception {
    write("Anna@Klien.Test", "owner@studio.test", "ME@studio.test", "boss@klien.test");
    long second = write("anna@klien.test");

    learning.refresh();

    assertThat(book.of("work").keySet())
        .containsExactlyInAnyOrder("anna@klien.test", "boss@klien.test");
    assertThat(book.of("work").get("anna@klien.test").last())
        .isEqualTo(T0.plus(Duration.ofMinutes(second)));
  }

  @Test
  void autoRepliesInTheSentFolderAreNotCorrespondence() throws Exception {
    // Copied to Sent by afterhours (or by a vacation responder of the server).
    server.ownerSent(T0, "<x1@mail.studio.test>", "auto-replied", "stranger1@elsewhere.test");
    server.ownerSent(T0, "<x2@mail.studio.test>", "auto-generated", "stranger2@elsewhere.test");
    // An auto-reply of ours whose Auto-Submitted field a server dropped: the Message-ID tells.
    server.ownerSent(T0, "<afterhours.k3j9@studio.test>", "", "stranger3@elsewhere.test");
    server.ownerSent(T0, "<x4@mail.studio.test>", "no", "friend@klien.test");

    learning.refresh();

    assertThat(book.of("work").keySet()).containsExactlyInAnyOrder("friend@klien.test");
  }

  @Test
  void aRenumberedSentFolderIsLearnedAgainWithoutLosingOrMissingAnyone() throws Exception {
    long anna = write("anna@klien.test");
    long budi = write("budi@klien.test");
    write("citra@klien.test");
    learning.refresh();
    long oldValidity = book.sentCursor("work", "Sent").orElseThrow().uidValidity();

    // The owner cleaned up; then the server rebuilt the folder: UIDs start at 1 again, so the
    // new mail gets a UID below the old cursor (3).
    server.deleteSent(anna);
    server.deleteSent(budi);
    server.renumberSent();
    write("dewi@klien.test");
    learning.refresh();

    assertThat(book.of("work").keySet())
        .containsExactlyInAnyOrder(
            "anna@klien.test", "budi@klien.test", "citra@klien.test", "dewi@klien.test");
    FolderCursor cursor = book.sentCursor("work", "Sent").orElseThrow();
    assertThat(cursor.uidValidity()).isNotEqualTo(oldValidity);
    assertThat(cursor.lastUid()).isEqualTo(2);
  }

  @Test
  void anEmptySentFolderIsReadOnceAndThenOnlyLookedAt() throws Exception {
    learning.refresh();
    assertThat(book.sentCursor("work", "Sent")).map(FolderCursor::lastUid).contains(0L);

    write("anna@klien.test");
    learning.refresh();

    assertThat(knows("anna@klien.test")).isTrue();
  }

  @Test
  void aMailboxWithoutSentFolderLearnsNothingAndCarriesOn() throws Exception {
    FakeMailServer noSent = new FakeMailServer(new CrashSwitch(), false);
    noSent.ownerSent(T0, "<m@x>", "", "anna@klien.test");
    CorrespondentLearning withoutSent = new CorrespondentLearning(OWNER, noSent.imap(), book);

    withoutSent.refresh();
    withoutSent.refresh();

    assertThat(book.commits()).isZero();
    assertThat(noSent.sentMessagesRead()).isZero();
  }

  @Test
  void aDryRunLearnsInMemoryAndLeavesTheStoreAlone() throws Exception {
    write("anna@klien.test");
    DryRunCorrespondents dryRun = new DryRunCorrespondents(book, new TestClock(T0));
    CorrespondentLearning dry = new CorrespondentLearning(OWNER, server.imap(), dryRun);

    dry.refresh();
    write("budi@klien.test");
    dry.refresh();

    assertThat(dryRun.knows("work", "anna@klien.test")).isTrue();
    assertThat(dryRun.knows("work", "budi@klien.test")).isTrue();
    assertThat(server.sentMessagesRead())
        .as("the second dry pass reads only the new mail")
        .isEqualTo(2);
    assertThat(book.commits()).isZero();
    assertThat(book.sentCursor("work", "Sent")).isEmpty();
  }
}
