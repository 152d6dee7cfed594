package io.afterhours.daemon;

import io.afterhours.pass.CorrespondentBook;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.MissingFolderException;
import io.afterhours.pass.SentBatch;
import io.afterhours.pass.SentMessage;
import io.afterhours.policy.Correspondence;
import io.afterhours.policy.MailboxIdentity;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns whom a mailbox's owner writes to from its Sent folder, for {@code reply.only-to =
 * correspondents}: at the start of each pass, the To, Cc and Bcc of the sent mail that is new since
 * the last one (one EXAMINE and no FETCH when there is none). The first time, and after the server
 * renumbered the folder, it reads the folder's {@value #HISTORY} newest messages, {@value #SLICE}
 * at a time. Automatic mail in Sent (our own auto-replies above all) proves no correspondence and
 * is passed over.
 */
final class CorrespondentLearning {
  private static final Logger LOG = LoggerFactory.getLogger(CorrespondentLearning.class);

  /** How many of the newest sent messages a first learning reads. */
  static final int HISTORY = 5_000;

  /**
   * How many sent messages one FETCH reads, and one commit records: a few hundred bytes each, so a
   * slice is larger than a pass's slice of whole header blocks.
   */
  static final int SLICE = 1_000;

  private final MailboxIdentity mailbox;
  private final MessageSource source;
  private final CorrespondentBook book;
  private boolean saidNoSentFolder;

  CorrespondentLearning(MailboxIdentity mailbox, MessageSource source, CorrespondentBook book) {
    this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    this.source = Objects.requireNonNull(source, "source");
    this.book = Objects.requireNonNull(book, "book");
  }

  /**
   * Reads the sent mail that is new since the last refresh and records its recipients.
   *
   * @throws MailServerException when the IMAP server cannot be reached or fails
   */
  void refresh() throws MailServerException {
    Optional<String> sent = source.sentFolder();
    if (sent.isEmpty()) {
      if (!saidNoSentFolder) {
        LOG.warn(
            "mailbox={} has no Sent folder to learn correspondents from: with only-to ="
                + " correspondents it answers only those learned before and those matching"
                + " reply.correspondents",
            mailbox.name());
        saidNoSentFolder = true;
      }
      return;
    }
    saidNoSentFolder = false;
    try {
      refresh(sent.get());
    } catch (MissingFolderException e) {
      LOG.warn("mailbox={} learning correspondents: {}", mailbox.name(), e.getMessage());
    }
  }

  private void refresh(String folder) throws MailServerException {
    long started = System.nanoTime();
    Optional<FolderCursor> cursor = book.sentCursor(mailbox.name(), folder);
    long validity = cursor.map(FolderCursor::uidValidity).orElse(0L);
    long after = cursor.map(FolderCursor::lastUid).orElse(0L);
    SentBatch batch = source.fetchSentRecipients(folder, validity, after, SLICE, HISTORY);
    boolean fromHistory = batch.uidValidity() != validity;
    if (fromHistory) {
      LOG.info(
          "mailbox={} folder={} {}: learning correspondents from its {} newest messages",
          mailbox.name(),
          folder,
          cursor.isEmpty()
              ? "first reading"
              : "renumbered (uidvalidity " + validity + " to " + batch.uidValidity() + ")",
          HISTORY);
      validity = batch.uidValidity();
      after = batch.uidNext() - 1; // an empty folder: the cursor starts at its end
    }
    Tally tally = new Tally();
    while (true) {
      Map<String, Instant> written = written(batch, tally);
      long lastUid = batch.lastUid(after);
      if (!batch.messages().isEmpty() || fromHistory) {
        book.learn(mailbox.name(), folder, validity, lastUid, written);
      }
      if (batch.messages().size() < SLICE) {
        break;
      }
      batch = source.fetchSentRecipients(folder, validity, lastUid, SLICE, HISTORY);
      if (batch.uidValidity() != validity) {
        break; // renumbered meanwhile: the next pass reads it again
      }
      after = lastUid;
    }
    if (fromHistory || tally.read > 0) {
      LOG.info(
          "mailbox={} folder={} read {} sent message(s) ({} automatic, not counted) in {} ms",
          mailbox.name(),
          folder,
          tally.read,
          tally.automatic,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** What a refresh read, for its log line. */
  private static final class Tally {
    int read;
    int automatic;
  }

  /** The people the batch's mail went to, each with the latest time it went to them. */
  private Map<String, Instant> written(SentBatch batch, Tally tally) {
    Map<String, Instant> written = new HashMap<>();
    for (SentMessage message : batch.messages()) {
      tally.read++;
      if (Correspondence.isAutomatic(message.autoSubmitted(), message.messageId(), mailbox)) {
        tally.automatic++;
        LOG.debug(
            "mailbox={} sent uid={} {} is automatic: not correspondence",
            mailbox.name(),
            message.uid(),
            message.messageId());
        continue;
      }
      for (String person : Correspondence.people(message.recipients(), mailbox)) {
        written.merge(person, message.storedAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return written;
  }
}
