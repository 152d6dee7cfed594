package io.afterhours.pass;

import java.util.Comparator;
import java.util.List;

/**
 * What one read of the Sent folder saw.
 *
 * @param uidValidity the folder's UIDVALIDITY; UIDs only mean something together with it
 * @param uidNext the UID the next message will get
 * @param messages the messages read, by ascending UID
 */
public record SentBatch(long uidValidity, long uidNext, List<SentMessage> messages) {
  public SentBatch {
    messages = messages.stream().sorted(Comparator.comparingLong(SentMessage::uid)).toList();
  }

  /** The UID of the last message read; {@code otherwise} when none was. */
  public long lastUid(long otherwise) {
    return messages.isEmpty() ? otherwise : messages.get(messages.size() - 1).uid();
  }
}
