package io.afterhours.pass;

import java.util.Comparator;
import java.util.List;

/**
 * What one pass saw in a folder.
 *
 * @param uidValidity the folder's UIDVALIDITY; UIDs only mean something together with it
 * @param uidNext the UID the next message will get, a baseline for a new cursor
 * @param messages the new messages, by ascending UID
 */
public record FolderSnapshot(long uidValidity, long uidNext, List<FetchedMessage> messages) {
  public FolderSnapshot {
    messages = messages.stream().sorted(Comparator.comparingLong(FetchedMessage::uid)).toList();
  }
}
