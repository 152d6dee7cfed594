package io.afterhours.daemon;

import io.afterhours.mail.MessageFactsReader;
import io.afterhours.pass.FetchedMessage;
import io.afterhours.pass.FolderSnapshot;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.Redirect;
import io.afterhours.pass.ReplySender;
import io.afterhours.pass.SendResult;
import io.afterhours.pass.SentBatch;
import io.afterhours.pass.SentMessage;
import io.afterhours.policy.MailAddress;
import io.afterhours.reply.OutgoingReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An IMAP mailbox and an SMTP server in memory, for the crash model of the pass. What they hold
 * (the INBOX, the Sent folder, the replies delivered) survives a restart of afterhours; the {@link
 * CrashSwitch} is stepped around every call, so a crash can come before or after the server did its
 * part (an SMTP hand-over before the crash is a reply delivered whose sender never heard back).
 */
final class FakeMailServer {
  static final long UID_VALIDITY = 7;

  private final CrashSwitch crash;
  private final boolean hasSent;
  private final List<FetchedMessage> inbox = new ArrayList<>();
  private final List<String> sent = new ArrayList<>();
  private final List<OutgoingReply> delivered = new ArrayList<>();
  private final List<Redirect> redirected = new ArrayList<>();
  private final Set<String> refusedForGood = new HashSet<>();
  private final Map<String, Integer> refusedForNow = new HashMap<>();
  private final List<SentMessage> sentMail = new ArrayList<>();
  private int fetchesUntilFailure;
  private long sentValidity = 11;
  private long sentUidNext = 1;
  private int sentMessagesRead;

  FakeMailServer(CrashSwitch crash, boolean hasSent) {
    this.crash = crash;
    this.hasSent = hasSent;
  }

  /** A client's mail, arriving at {@code arrival}, with further header fields; its UID. */
  synchronized long deliver(
      String from, String to, String messageId, Instant arrival, String... headers) {
    long uid = inbox.size() + 1;
    List<String> fields = new ArrayList<>(List.of(headers));
    fields.add("Message-ID: " + messageId);
    inbox.add(
        new FetchedMessage(
            uid, MessageFactsReader.fromFields(from, to, "Question " + uid, fields, arrival)));
    return uid;
  }

  /** Replies to {@code address} are refused with a 5xx. */
  synchronized void refuseForGood(String address) {
    refusedForGood.add(address);
  }

  /** The next {@code times} replies to {@code address} are refused with a 4xx. */
  synchronized void refuseForNow(String address, int times) {
    refusedForNow.put(address, times);
  }

  /** The {@code nth} read of new mail from now on fails, as a server that went away would. */
  synchronized void failFetch(int nth) {
    fetchesUntilFailure = nth;
  }

  /**
   * Mail the owner wrote, in the Sent folder: a few header fields only, as the real adapter reads
   * them; its UID.
   *
   * @param autoSubmitted the Auto-Submitted value, or empty for none
   * @param recipients the addresses of To, Cc and Bcc
   */
  synchronized long ownerSent(
      Instant at, String messageId, String autoSubmitted, String... recipients) {
    long uid = sentUidNext++;
    sentMail.add(
        new SentMessage(
            uid,
            at,
            messageId,
            autoSubmitted.isEmpty() ? List.of() : List.of(autoSubmitted),
            Arrays.stream(recipients).map(MailAddress::of).toList()));
    return uid;
  }

  /** The server renumbers the Sent folder: a new UIDVALIDITY, and UIDs from 1 again. */
  synchronized void renumberSent() {
    sentValidity++;
    List<SentMessage> kept = new ArrayList<>(sentMail);
    sentMail.clear();
    sentUidNext = 1;
    for (SentMessage m : kept) {
      sentMail.add(
          new SentMessage(
              sentUidNext++, m.storedAt(), m.messageId(), m.autoSubmitted(), m.recipients()));
    }
  }

  /** The owner deletes a message from the Sent folder. */
  synchronized void deleteSent(long uid) {
    sentMail.removeIf(m -> m.uid() == uid);
  }

  /** How many Sent messages have been read so far, over all reads. */
  /** The Message-IDs of what was copied to Sent, in order. */
  synchronized List<String> sentMessageIds() {
    return List.copyOf(sent);
  }

  synchronized int sentMessagesRead() {
    return sentMessagesRead;
  }

  synchronized List<OutgoingReply> delivered() {
    return List.copyOf(delivered);
  }

  /** The client mail redirected to stand-ins, as the stand-ins' servers took it. */
  synchronized List<Redirect> redirected() {
    return List.copyOf(redirected);
  }

  synchronized List<FetchedMessage> inbox() {
    return List.copyOf(inbox);
  }

  MessageSource imap() {
    return new MessageSource() {
      @Override
      public FolderSnapshot fetchNew(String folder, long uidValidity, long afterUid, int limit)
          throws MailServerException {
        crash.step("fetch");
        synchronized (FakeMailServer.this) {
          if (fetchesUntilFailure > 0 && --fetchesUntilFailure == 0) {
            throw new MailServerException("IMAP server gone");
          }
          long uidNext = inbox.size() + 1;
          if (uidValidity != UID_VALIDITY) {
            return new FolderSnapshot(UID_VALIDITY, uidNext, List.of());
          }
          return new FolderSnapshot(
              UID_VALIDITY,
              uidNext,
              inbox.stream().filter(m -> m.uid() > afterUid).limit(limit).toList());
        }
      }

      @Override
      public FolderSnapshot fetchArrivedSince(String folder, Instant since) {
        crash.step("fetch");
        synchronized (FakeMailServer.this) {
          return new FolderSnapshot(
              UID_VALIDITY,
              inbox.size() + 1,
              inbox.stream().filter(m -> !m.facts().arrival().isBefore(since)).toList());
        }
      }

      @Override
      public SentBatch fetchSentRecipients(
          String folder, long uidValidity, long afterUid, int limit, int history) {
        crash.step("fetchSent");
        synchronized (FakeMailServer.this) {
          List<SentMessage> chosen =
              uidValidity != sentValidity
                  ? sentMail.subList(Math.max(0, sentMail.size() - history), sentMail.size())
                  : sentMail.stream().filter(m -> m.uid() > afterUid).toList();
          List<SentMessage> read = List.copyOf(chosen.subList(0, Math.min(limit, chosen.size())));
          sentMessagesRead += read.size();
          return new SentBatch(sentValidity, sentUidNext, read);
        }
      }

      @Override
      public Optional<String> sentFolder() {
        return hasSent ? Optional.of("Sent") : Optional.empty();
      }

      @Override
      public boolean holdsMessageId(String folder, String messageId) {
        crash.step("searchSent");
        synchronized (FakeMailServer.this) {
          return sent.contains(messageId);
        }
      }

      @Override
      public boolean copyToSent(OutgoingReply reply) throws MailServerException {
        crash.step("copyToSent:before");
        synchronized (FakeMailServer.this) {
          if (!hasSent) {
            return false;
          }
          sent.add(reply.messageId());
          sentMail.add(
              new SentMessage(
                  sentUidNext++,
                  reply.date(),
                  reply.messageId(),
                  List.of("auto-replied"),
                  List.of(reply.to())));
        }
        crash.step("copyToSent:after");
        return true;
      }

      @Override
      public byte[] fetchRaw(String folder, long uid) {
        crash.step("fetchRaw");
        return ("Message-ID: <uid-" + uid + ">\r\n\r\nbody\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      }

      @Override
      public boolean copyToSent(Redirect redirect) {
        crash.step("copyRedirectToSent:before");
        synchronized (FakeMailServer.this) {
          if (!hasSent) {
            return false;
          }
          sent.add(redirect.resentMessageId());
        }
        crash.step("copyRedirectToSent:after");
        return true;
      }

      @Override
      public void close() {}
    };
  }

  ReplySender smtp() {
    return new ReplySender() {
      @Override
      public SendResult send(OutgoingReply reply) {
        crash.step("smtp:before");
        String to = reply.to().address();
        synchronized (FakeMailServer.this) {
          if (refusedForGood.contains(to)) {
            return new SendResult.Rejected(reply.messageId(), "550 5.1.1 user unknown");
          }
          int left = refusedForNow.getOrDefault(to, 0);
          if (left > 0) {
            refusedForNow.put(to, left - 1);
            return new SendResult.Deferred(reply.messageId(), "452 4.2.2 mailbox full");
          }
          delivered.add(reply);
        }
        crash.step("smtp:after");
        return new SendResult.Sent(reply.messageId());
      }

      @Override
      public SendResult redirect(Redirect redirect) {
        crash.step("redirect:before");
        synchronized (FakeMailServer.this) {
          redirected.add(redirect);
        }
        crash.step("redirect:after");
        return new SendResult.Sent(redirect.resentMessageId());
      }

      @Override
      public void close() {}
    };
  }
}
