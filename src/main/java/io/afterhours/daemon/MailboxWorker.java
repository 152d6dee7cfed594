package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.mail.FetchedMessage;
import io.afterhours.mail.FolderSnapshot;
import io.afterhours.mail.ImapMailbox;
import io.afterhours.mail.MissingFolderException;
import io.afterhours.mail.SmtpReplySender;
import io.afterhours.responder.Responder;
import io.afterhours.store.FolderCursor;
import io.afterhours.store.PendingReply;
import io.afterhours.store.Store;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one mailbox: each pass reads the new messages of every folder (headers only), decides,
 * replies, and moves the folder's cursor past what is done. Reuses its IMAP connection between
 * passes. One pass at a time: the daemon never runs two passes of one mailbox at once.
 */
public final class MailboxWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxWorker.class);

  private final MailboxSettings mailbox;
  private final Responder responder;
  private final Store store;
  private final ImapMailbox imap;
  private final SmtpReplySender smtp;
  private final Clock clock;
  private final boolean dryRun;
  private final Duration retention;
  private final Metrics metrics;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);
  private boolean settled;
  private Instant lastPruned;
  private final Set<String> missingFolders = ConcurrentHashMap.newKeySet();

  public MailboxWorker(
      MailboxSettings mailbox,
      Responder responder,
      Store store,
      ImapMailbox imap,
      SmtpReplySender smtp,
      Clock clock,
      Duration retention,
      boolean dryRun,
      Metrics metrics) {
    this.mailbox = mailbox;
    this.responder = responder;
    this.store = store;
    this.imap = imap;
    this.smtp = smtp;
    this.clock = clock;
    this.dryRun = dryRun;
    this.retention = retention;
    this.metrics = metrics;
  }

  public String name() {
    return mailbox.name();
  }

  /** The configured folders the server did not have on the last pass. */
  public Set<String> missingFolders() {
    return Set.copyOf(missingFolders);
  }

  public MailboxSettings settings() {
    return mailbox;
  }

  /** Asks a running pass to stop after the message in hand. */
  public void stop() {
    stopping.set(true);
  }

  /**
   * One pass over every folder.
   *
   * @param now the instant "closed now" is judged at; the clock's instant when empty
   * @throws MessagingException when the IMAP server cannot be reached or fails; nothing is lost,
   *     the cursors stay where they were
   */
  public PassSummary pass(Optional<Instant> now) throws MessagingException {
    Instant at = now.orElseGet(clock::instant);
    if (!settled && !dryRun) {
      settlePendingReplies();
      settled = true;
    }
    PassSummary total = PassSummary.EMPTY;
    for (String folder : mailbox.folders()) {
      if (stopping.get()) {
        break;
      }
      try {
        total = total.plus(passFolder(folder, at));
        if (missingFolders.remove(folder)) {
          LOG.info("mailbox={} folder={} exists again and is read", mailbox.name(), folder);
        }
      } catch (MissingFolderException e) {
        // A folder that is not there must not keep the others from being answered; it is
        // reported when it goes missing, not on every pass.
        if (missingFolders.add(folder)) {
          LOG.error(
              "mailbox={} {}; its mail is not read until the folder exists or the config names"
                  + " another",
              mailbox.name(),
              e.getMessage());
        }
      }
    }
    if (!dryRun) {
      pruneWhenDue(at);
    }
    return total;
  }

  /**
   * Forgets decisions and sent replies older than the retention, at most once an hour: passes come
   * every poll interval and on every IDLE wake-up, and the deletes scan their tables.
   */
  private void pruneWhenDue(Instant now) {
    if (lastPruned != null && now.isBefore(lastPruned.plus(PRUNE_EVERY))) {
      return;
    }
    int decisions = store.decisions().pruneOlderThan(now.minus(retention));
    int replies = store.replies().pruneSentOlderThan(now.minus(retention));
    lastPruned = now;
    if (decisions + replies > 0) {
      LOG.info(
          "mailbox={} pruned {} decision(s) and {} sent repl(ies) older than {}",
          mailbox.name(),
          decisions,
          replies,
          retention);
    }
  }

  private PassSummary passFolder(String folder, Instant now) throws MessagingException {
    Optional<FolderCursor> cursor = store.cursors().cursor(mailbox.name(), folder);
    if (cursor.isEmpty() && dryRun) {
      // A dry run records no baseline, so it shows what would happen to the recent mail instead.
      List<FetchedMessage> recent = imap.fetchArrivedSince(folder, maxAgeStart(now)).messages();
      LOG.info(
          "mailbox={} folder={} dry run without a baseline: judging the {} message(s) younger"
              + " than max-age",
          mailbox.name(),
          folder,
          recent.size());
      FolderPass pass = newFolderPass(folder, now);
      pass.run(recent, 0);
      return pass.summary();
    }
    if (cursor.isEmpty()) {
      FolderSnapshot snapshot = imap.fetchNew(folder, 0, 0);
      LOG.info(
          "mailbox={} folder={} first start: baseline at uid {} (uidvalidity {}); earlier mail is"
              + " not answered",
          mailbox.name(),
          folder,
          snapshot.uidNext() - 1,
          snapshot.uidValidity());
      saveCursor(folder, snapshot.uidValidity(), snapshot.uidNext() - 1);
      return PassSummary.EMPTY;
    }
    long validity = cursor.get().uidValidity();
    FolderSnapshot snapshot = imap.fetchNew(folder, validity, cursor.get().lastUid());
    FolderPass pass = newFolderPass(folder, now);
    if (snapshot.uidValidity() != validity) {
      // The server renumbered the folder: read it again, answering only mail young enough for
      // max-age; the reply log is keyed by Message-ID, so nothing is answered twice.
      LOG.warn(
          "mailbox={} folder={} uidvalidity changed from {} to {}: re-reading mail of the last {}",
          mailbox.name(),
          folder,
          validity,
          snapshot.uidValidity(),
          mailbox.office().reply().policy().maxAge());
      FolderSnapshot renumbered = imap.fetchArrivedSince(folder, maxAgeStart(now));
      List<FetchedMessage> recent = renumbered.messages();
      long baseline = renumbered.uidNext() - 1;
      long lastDone = pass.run(recent, recent.isEmpty() ? baseline : firstUid(recent) - 1);
      saveCursor(folder, renumbered.uidValidity(), recent.isEmpty() ? baseline : lastDone);
      return pass.summary();
    }
    long lastDone = pass.run(snapshot.messages(), cursor.get().lastUid());
    if (lastDone != cursor.get().lastUid()) {
      saveCursor(folder, validity, lastDone);
    }
    return pass.summary();
  }

  private FolderPass newFolderPass(String folder, Instant now) {
    return new FolderPass(
        mailbox, folder, responder, store, imap, smtp, now, dryRun, stopping, metrics);
  }

  /** The earliest arrival young enough to be answered at {@code now}. */
  private Instant maxAgeStart(Instant now) {
    return now.minus(mailbox.office().reply().policy().maxAge());
  }

  private static long firstUid(List<FetchedMessage> messages) {
    return messages.get(0).uid();
  }

  private void saveCursor(String folder, long uidValidity, long lastUid) {
    if (!dryRun) {
      store.cursors().saveCursor(mailbox.name(), folder, uidValidity, Math.max(0, lastUid));
    }
  }

  /**
   * DESIGN §6: a reply recorded as pending but never marked sent (a crash between the two) is
   * settled by looking for its Message-ID in the Sent folder. Found: it was sent. Not found: it is
   * discarded and the message answered on this pass. Without a Sent folder to look in, the reply is
   * taken as sent, since a lost reply is better than a double one.
   */
  private void settlePendingReplies() throws MessagingException {
    List<PendingReply> pending = store.replies().pendingReplies(mailbox.name());
    if (pending.isEmpty()) {
      return;
    }
    Optional<String> sent = mailbox.saveToSent() ? imap.findSentFolder() : Optional.empty();
    for (PendingReply reply : pending) {
      if (sent.isEmpty()) {
        store.replies().markSent(reply.replyMessageId(), clock.instant());
        LOG.warn(
            "mailbox={} reply {} to {} was pending at start; no Sent folder to check, so it is"
                + " taken as sent",
            mailbox.name(),
            reply.replyMessageId(),
            reply.recipient());
      } else if (imap.containsMessageId(sent.get(), reply.replyMessageId())) {
        store.replies().markSent(reply.replyMessageId(), clock.instant());
        LOG.info(
            "mailbox={} reply {} to {} was pending at start and is in {}: marked sent",
            mailbox.name(),
            reply.replyMessageId(),
            reply.recipient(),
            sent.get());
      } else {
        store.replies().discardPending(reply.replyMessageId());
        LOG.info(
            "mailbox={} reply {} to {} was pending at start and is not in {}: it will be sent again",
            mailbox.name(),
            reply.replyMessageId(),
            reply.recipient(),
            sent.get());
      }
    }
  }

  @Override
  public void close() {
    imap.close();
  }
}
