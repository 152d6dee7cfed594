package io.afterhours.mail;

import io.afterhours.pass.SentBatch;
import io.afterhours.pass.SentMessage;
import io.afterhours.policy.MailAddress;
import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Reads whom the owner's sent mail went to, from a Sent folder opened read-only: UID, INTERNALDATE
 * and five header fields per message ({@code BODY.PEEK[HEADER.FIELDS (To Cc Bcc Auto-Submitted
 * Message-ID)]}), a few hundred bytes each, never a body.
 */
final class SentRecipients {
  private static final List<String> RECIPIENT_FIELDS = List.of("To", "Cc", "Bcc");
  private static final List<String> FIELDS =
      List.of("To", "Cc", "Bcc", "Auto-Submitted", "Message-ID");

  private SentRecipients() {}

  /**
   * See {@link io.afterhours.pass.MessageSource#fetchSentRecipients}.
   *
   * @param fallback the instant for a message whose INTERNALDATE the server does not give
   */
  static SentBatch read(
      IMAPFolder folder,
      long uidValidity,
      long afterUid,
      int limit,
      int history,
      long uidNext,
      Instant fallback)
      throws MessagingException {
    long validity = folder.getUIDValidity();
    List<Message> chosen;
    if (validity != uidValidity) {
      // Never read, or renumbered: the newest `history` messages, by sequence number, which is
      // UID order; one FETCH per slice, not a UID listing of the whole folder.
      int count = folder.getMessageCount();
      int first = Math.max(1, count - history + 1);
      int last = Math.min(count, first + limit - 1);
      chosen = count == 0 ? List.of() : Arrays.asList(folder.getMessages(first, last));
    } else if (uidNext <= afterUid + 1) {
      return new SentBatch(validity, uidNext, List.of()); // nothing new: no FETCH at all
    } else {
      chosen = after(folder, afterUid, limit);
    }
    return new SentBatch(validity, uidNext, fetch(folder, chosen, fallback));
  }

  /** The first {@code limit} messages with a UID above {@code afterUid}, by UID. */
  private static List<Message> after(IMAPFolder folder, long afterUid, int limit)
      throws MessagingException {
    // "UID FETCH n:*" also returns the last message when every UID is below n: filter it out.
    List<Message> fresh = new ArrayList<>();
    for (Message message : folder.getMessagesByUID(afterUid + 1, UIDFolder.MAXUID)) {
      if (message != null && folder.getUID(message) > afterUid) {
        fresh.add(message);
      }
    }
    fresh.sort(Comparator.comparingLong(m -> uidOf(folder, m)));
    return fresh.subList(0, Math.min(limit, fresh.size()));
  }

  private static List<SentMessage> fetch(IMAPFolder folder, List<Message> chosen, Instant fallback)
      throws MessagingException {
    if (chosen.isEmpty()) {
      return List.of();
    }
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    FIELDS.forEach(profile::add);
    Message[] messages = chosen.toArray(new Message[0]);
    folder.fetch(messages, profile);
    List<SentMessage> read = new ArrayList<>();
    for (Message message : messages) {
      read.add(
          new SentMessage(
              folder.getUID(message),
              message.getReceivedDate() == null ? fallback : message.getReceivedDate().toInstant(),
              MessageFactsReader.messageId(String.join(" ", values(message, "Message-ID"))),
              values(message, "Auto-Submitted"),
              recipients(message)));
    }
    return read;
  }

  private static List<MailAddress> recipients(Message message) throws MessagingException {
    List<MailAddress> found = new ArrayList<>();
    for (String field : RECIPIENT_FIELDS) {
      for (String value : values(message, field)) {
        found.addAll(AddressLists.parse(value));
      }
    }
    return found;
  }

  /** The field's values as fetched, raw UTF-8 read as UTF-8. */
  private static List<String> values(Message message, String field) throws MessagingException {
    String[] values = message.getHeader(field);
    return values == null
        ? List.of()
        : Arrays.stream(values).map(v -> RawUtf8.recover(v == null ? "" : v)).toList();
  }

  private static long uidOf(IMAPFolder folder, Message message) {
    try {
      return folder.getUID(message);
    } catch (MessagingException e) {
      return Long.MAX_VALUE;
    }
  }
}
