package io.afterhours.daemon;

import io.afterhours.mail.MessageFactsReader;
import io.afterhours.pass.FetchedMessage;
import io.afterhours.pass.FolderSnapshot;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.Redirect;
import io.afterhours.pass.ReplySender;
import io.afterhours.pass.SendResult;
import io.afterhours.reply.OutgoingReply;
import java.time.Instant;
import java.util.ArrayList;
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
      public FolderSnapshot fetchNew(String folder, long uidValidity, long afterUid, int limit) {
        crash.step("fetch");
        synchronized (FakeMailServer.this) {
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
