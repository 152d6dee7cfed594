package io.afterhours.pass;

import io.afterhours.policy.Correspondents;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whom each mailbox's owner has written to, learned from the Sent folder, and how far that folder
 * has been read. Implemented by the JDBC store; a dry run keeps what it learns in memory.
 */
public interface CorrespondentBook extends Correspondents {

  /** How far the mailbox's Sent folder has been read; empty when it never was. */
  Optional<FolderCursor> sentCursor(String mailbox, String folder);

  /**
   * Records that the owner wrote to these addresses, and moves the Sent folder's cursor, in one
   * commit. Learning an address again only widens its first and last dates.
   *
   * @param written lower-case address to when the owner last wrote to it in the mail read
   */
  void learn(
      String mailbox, String folder, long uidValidity, long lastUid, Map<String, Instant> written);
}
