package io.afterhours.pass;

import java.time.Instant;
import java.util.Objects;

/**
 * How far a folder has been dealt with.
 *
 * @param uidValidity the folder's UIDVALIDITY when the cursor was saved; a different value on the
 *     server means the UIDs were renumbered and {@code lastUid} means nothing any more
 * @param lastUid the highest UID such that it and every UID below it are fully dealt with
 * @param updatedAt when the cursor was last saved, to the millisecond
 */
public record FolderCursor(long uidValidity, long lastUid, Instant updatedAt) {
  public FolderCursor {
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
