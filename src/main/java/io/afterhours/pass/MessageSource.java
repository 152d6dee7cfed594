package io.afterhours.pass;

import io.afterhours.reply.OutgoingReply;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a pass reads mail: one mailbox on an IMAP server, read-only but for the copies of our
 * replies in its Sent folder. Implemented by {@code io.afterhours.mail.ImapMailbox}; the pass tests
 * use an in-memory fake that can crash at any step.
 */
public interface MessageSource extends AutoCloseable {

  /**
   * The folder's state and its messages with a UID above {@code afterUid}, headers only, by
   * ascending UID. When the folder's UIDVALIDITY is not {@code uidValidity} (a first pass, or a
   * renumbered folder), no message is read and the snapshot carries the new UIDVALIDITY and
   * UIDNEXT.
   *
   * @throws MissingFolderException when the server has no such folder
   */
  default FolderSnapshot fetchNew(String folder, long uidValidity, long afterUid)
      throws MailServerException {
    return fetchNew(folder, uidValidity, afterUid, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #fetchNew(String, long, long)}, but at most {@code limit} messages, the lowest UIDs
   * first: a pass reads a large backlog in slices, so that it never holds the headers of all of it
   * at once.
   */
  FolderSnapshot fetchNew(String folder, long uidValidity, long afterUid, int limit)
      throws MailServerException;

  /** The folder's state and its messages that arrived at or after {@code since}, by UID. */
  FolderSnapshot fetchArrivedSince(String folder, Instant since) throws MailServerException;

  /**
   * The recipients (To, Cc, Bcc) of the owner's mail in the Sent folder {@code folder} with a UID
   * above {@code afterUid}, at most {@code limit} messages, the lowest UIDs first; a few header
   * fields only, never a body, and no flag changed. When the folder's UIDVALIDITY is not {@code
   * uidValidity} (it was never read, or it was renumbered), the read starts instead at the oldest
   * of its {@code history} newest messages, and the batch carries the new UIDVALIDITY.
   *
   * @throws MissingFolderException when the server has no such folder
   */
  SentBatch fetchSentRecipients(
      String folder, long uidValidity, long afterUid, int limit, int history)
      throws MailServerException;

  /** The folder where the user's sent mail goes, if the mailbox has one. */
  Optional<String> sentFolder() throws MailServerException;

  /**
   * Whether {@code folder} holds a message with exactly this Message-ID, or this Resent-Message-ID
   * (a redirected message).
   */
  boolean holdsMessageId(String folder, String messageId) throws MailServerException;

  /**
   * Adds a copy of {@code reply}, as it was sent, to the Sent folder.
   *
   * @return false when the mailbox has no Sent folder
   */
  boolean copyToSent(OutgoingReply reply) throws MailServerException;

  /** The whole message with this UID, every byte, read without setting \\Seen. */
  byte[] fetchRaw(String folder, long uid) throws MailServerException;

  /**
   * Adds a copy of a message redirected to a stand-in, as it was sent, to the Sent folder.
   *
   * @return false when the mailbox has no Sent folder
   */
  boolean copyToSent(Redirect redirect) throws MailServerException;

  /**
   * Adds copies of several sent messages to the Sent folder, the replies first: in one IMAP command
   * where the server can take several messages at once (MULTIAPPEND, RFC 3502), which costs it one
   * transaction for them all instead of one each. All are kept or none.
   *
   * @return false when the mailbox has no Sent folder
   */
  default boolean copyAllToSent(List<OutgoingReply> replies, List<Redirect> redirects)
      throws MailServerException {
    boolean kept = true;
    for (OutgoingReply reply : replies) {
      kept &= copyToSent(reply);
    }
    for (Redirect redirect : redirects) {
      kept &= copyToSent(redirect);
    }
    return kept;
  }

  /** Hangs up; the next call connects again. */
  @Override
  void close();
}
