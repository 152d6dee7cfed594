package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.pass.FetchedMessage;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.FolderSnapshot;
import io.afterhours.pass.Lease;
import io.afterhours.pass.Ledger;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.MissingFolderException;
import io.afterhours.pass.ReplySender;
import io.afterhours.responder.Responder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one mailbox: each pass reads the new messages of every folder (headers only), decides
 * each, replies, and moves the folder's cursor past what is decided. A pass that sends holds the
 * mailbox's lease (DESIGN §6); the first pass under a new lease settles the replies an earlier
 * holder left in doubt. Reuses its IMAP connection between passes. One pass at a time.
 */
public final class MailboxWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxWorker.class);
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  /** How many new messages a pass reads (headers only) and decides before reading more. */
  static final int SLICE = 500;

  private final MailboxSettings mailbox;
  private final FolderPass.Worker parts;
  private final Ledger ledger;
  private final MessageSource source;
  private final Clock clock;
  private final boolean dryRun;
  private final Duration retention;
  private final Retries retries;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Set<String> missingFolders = ConcurrentHashMap.newKeySet();
  private int slice = SLICE;

  /** When this process started watching the mailbox (to the second, as INTERNALDATE is). */
  private final Instant startedAt;

  private final Map<String, FolderCursor> dryRunCursors = new ConcurrentHashMap<>();
  private String settledUnder;
  private Instant lastPruned;
  private volatile long lastPassEnded = System.nanoTime();

  /** Learns from the Sent folder before each pass (reply.only-to = correspondents); or null. */
  private CorrespondentLearning learning;

  private boolean lingering;
  private Executor prefetch;

  public MailboxWorker(
      MailboxSettings mailbox,
      Responder responder,
      Ledger ledger,
      MessageSource source,
      ReplySender sender,
      Clock clock,
      Duration retention,
      boolean dryRun,
      Metrics metrics,
      Executor copier,
      Executor ledgerWriter) {
    this.mailbox = mailbox;
    this.ledger = ledger;
    this.source = source;
    this.clock = clock;
    this.startedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    this.dryRun = dryRun;
    this.retention = retention;
    this.retries = new Retries(clock);
    this.parts =
        new FolderPass.Worker(
            mailbox,
            responder,
            ledger,
            source,
            sender,
            new InDoubtReplies(mailbox, source, sender, ledger, clock),
            new SentCopies(mailbox.name(), source, copier),
            metrics,
            ledgerWriter);
  }

  public String name() {
    return mailbox.name();
  }

  /** Reads new mail {@code size} messages at a time (tests use small slices). */
  MailboxWorker slicing(int size) {
    this.slice = size;
    return this;
  }

  /**
   * Keeps the SMTP connection open from one pass to the next, as the IMAP one is, until {@link
   * #close}: with IDLE, a pass runs for every new mail, and a new SMTP connection (its greeting and
   * EHLO) was a third of a single reply's time. Whoever sets this closes the worker once it has not
   * passed for a while; a connection the server closed meanwhile is made again (see {@link
   * io.afterhours.mail.SmtpReplySender}).
   */
  MailboxWorker lingering() {
    this.lingering = true;
    return this;
  }

  /**
   * Reads a backlog's next slice on {@code executor} while the replies of the one before go out:
   * the server's reading of 500 headers (0.1–0.2 s on Dovecot) then overlaps the SMTP exchanges
   * instead of coming between two slices. Without it, each slice is read once the one before is
   * done.
   */
  MailboxWorker prefetching(Executor executor) {
    this.prefetch = executor;
    return this;
  }

  /** Learns whom the owner writes to from the Sent folder at the start of each pass. */
  MailboxWorker learningCorrespondents(CorrespondentLearning learning) {
    this.learning = learning;
    return this;
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
   * @param lease the mailbox's lease, held by this process; empty only for a dry run
   * @param now the instant "closed now" is judged at; the clock's instant when empty
   * @throws MailServerException when a mail server cannot be reached or fails; nothing is lost, the
   *     cursors stay before every message not yet decided
   */
  public PassSummary pass(Optional<Lease> lease, Optional<Instant> now) throws MailServerException {
    Instant at = now.orElseGet(clock::instant);
    if (lease.isPresent() && !lease.get().owner().equals(settledUnder)) {
      parts.inDoubt().settleLeftBefore(lease.get());
      settledUnder = lease.get().owner();
    }
    if (lease.isPresent()) {
      parts.inDoubt().settleForwardsLeftBy(lease.get());
    }
    if (learning != null) {
      learning.refresh(); // before the folders, so that mail written to since counts at once
    }
    PassSummary total = PassSummary.EMPTY;
    for (String folder : mailbox.folders()) {
      if (stopping.get() || lease.map(l -> !l.held()).orElse(false)) {
        break;
      }
      try {
        total = total.plus(passFolder(folder, lease, at));
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
    lastPassEnded = System.nanoTime();
    return total;
  }

  /** How long since the last pass ended. */
  Duration sinceLastPass() {
    return Duration.ofNanos(System.nanoTime() - lastPassEnded);
  }

  /**
   * Forgets decisions and sent replies older than the retention, at most once an hour: passes come
   * every poll interval and on every IDLE wake-up, and the deletes scan their tables.
   */
  private void pruneWhenDue(Instant now) {
    if (lastPruned != null && now.isBefore(lastPruned.plus(PRUNE_EVERY))) {
      return;
    }
    int forgotten = ledger.forgetOlderThan(mailbox.name(), now.minus(retention));
    lastPruned = now;
    if (forgotten > 0) {
      LOG.info(
          "mailbox={} forgot {} decision(s) and sent repl(ies) older than {}",
          mailbox.name(),
          forgotten,
          retention);
    }
  }

  private PassSummary passFolder(String folder, Optional<Lease> lease, Instant now)
      throws MailServerException {
    Optional<FolderCursor> cursor = cursor(folder);
    if (cursor.isEmpty()) {
      return firstStart(folder, lease, now);
    }
    long validity = cursor.get().uidValidity();
    FolderSnapshot snapshot = source.fetchNew(folder, validity, cursor.get().lastUid(), slice);
    FolderPass pass = newFolderPass(folder, lease, now);
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
      FolderSnapshot renumbered = source.fetchArrivedSince(folder, maxAgeStart(now));
      List<FetchedMessage> recent = renumbered.messages();
      long baseline = renumbered.uidNext() - 1;
      long before = recent.isEmpty() ? baseline : recent.get(0).uid() - 1;
      // The new UIDVALIDITY is saved at once, with the cursor before the mail to re-read.
      saveBaseline(folder, renumbered.uidValidity(), before);
      runAndSave(pass, folder, renumbered.uidValidity(), recent, before);
      return finish(pass);
    }
    long lastUid = cursor.get().lastUid();
    // A backlog is read in slices: the headers of a slice or two at a time are held, never all.
    while (true) {
      boolean more = snapshot.messages().size() >= slice;
      long fetchedUpTo = more ? snapshot.messages().get(snapshot.messages().size() - 1).uid() : 0;
      CompletableFuture<FolderSnapshot> next =
          more && prefetch != null ? readAhead(folder, validity, fetchedUpTo) : null;
      runAndSave(pass, folder, validity, snapshot.messages(), lastUid);
      if (!more || stopping.get() || lease.map(l -> !l.held()).orElse(false)) {
        return finish(pass); // a slice read ahead is dropped: the next pass reads it again
      }
      try {
        snapshot =
            next != null ? readAhead(next) : source.fetchNew(folder, validity, fetchedUpTo, slice);
      } catch (MailServerException | RuntimeException e) {
        pass.abandon(); // the slices before it went through
        throw e;
      }
      if (snapshot.uidValidity() != validity) {
        return finish(pass); // renumbered meanwhile: the next pass reads it again
      }
    }
  }

  /** Starts reading the slice after {@code afterUid} on the {@link #prefetching} executor. */
  private CompletableFuture<FolderSnapshot> readAhead(String folder, long validity, long afterUid) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return source.fetchNew(folder, validity, afterUid, slice);
          } catch (MailServerException e) {
            throw new CompletionException(e);
          }
        },
        prefetch);
  }

  /** The slice read ahead, or the failure that reading it met, as itself. */
  private static FolderSnapshot readAhead(CompletableFuture<FolderSnapshot> next)
      throws MailServerException {
    try {
      return next.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof MailServerException failure) {
        throw failure;
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * The first pass over a folder the store has no cursor for (DESIGN §6). Mail that arrived before
   * this process started is not answered (a new install does not answer its owner's old mail),
   * unless {@code first-start = answer-since <duration>} asks to; mail that arrived since it
   * started is, even if other mailboxes kept this one waiting for its first pass. A dry run says
   * the same, and keeps its baseline in memory.
   */
  private PassSummary firstStart(String folder, Optional<Lease> lease, Instant now)
      throws MailServerException {
    Optional<Duration> answerSince = mailbox.firstStart().answerSince();
    Instant since = answerSince.map(now::minus).orElse(startedAt);
    FolderSnapshot arrived = source.fetchArrivedSince(folder, since);
    List<FetchedMessage> recent = arrived.messages();
    if (recent.isEmpty()) {
      LOG.info(
          "mailbox={} folder={} first start: {} a baseline at uid {} (uidvalidity {}); earlier"
              + " mail {} answered",
          mailbox.name(),
          folder,
          dryRun ? "would take" : "takes",
          arrived.uidNext() - 1,
          arrived.uidValidity(),
          dryRun ? "would not be" : "is not");
      saveBaseline(folder, arrived.uidValidity(), arrived.uidNext() - 1);
      return PassSummary.EMPTY;
    }
    LOG.info(
        "mailbox={} folder={} first start ({}): {} the {} message(s) that arrived since {}; earlier"
            + " mail {} answered",
        mailbox.name(),
        folder,
        answerSince.isPresent() ? mailbox.firstStart() : "baseline at the start of this process",
        dryRun ? "would judge" : "judging",
        recent.size(),
        since,
        dryRun ? "would not be" : "is not");
    long before = recent.get(0).uid() - 1;
    saveBaseline(folder, arrived.uidValidity(), before);
    FolderPass pass = newFolderPass(folder, lease, now);
    runAndSave(pass, folder, arrived.uidValidity(), recent, before);
    return finish(pass);
  }

  /**
   * Runs the pass and moves the cursor as far as it decided, also when the pass ends early because
   * a server failed: what was decided stays decided.
   */
  private void runAndSave(
      FolderPass pass, String folder, long validity, List<FetchedMessage> messages, long lastUid)
      throws MailServerException {
    try {
      pass.run(messages, lastUid);
    } catch (MailServerException | RuntimeException e) {
      saveCursor(folder, validity, pass.lastDone(lastUid), lastUid);
      throw e;
    }
    saveCursor(folder, validity, pass.lastDone(lastUid), lastUid);
  }

  /**
   * Ends a folder's pass that went through: its SMTP connection, kept from slice to slice, is
   * closed unless the worker is {@link #lingering}, and its copies to Sent are made.
   */
  private PassSummary finish(FolderPass pass) {
    pass.finish(!lingering);
    return pass.summary();
  }

  /** Moves the cursor to {@code reached}, what is decided and written, if it moved at all. */
  private void saveCursor(String folder, long validity, long reached, long lastUid) {
    if (reached != lastUid) {
      saveCursor(folder, validity, reached);
    }
  }

  private FolderPass newFolderPass(String folder, Optional<Lease> lease, Instant now) {
    return new FolderPass(parts, folder, lease, now, retries, dryRun, stopping);
  }

  /** The earliest arrival young enough to be answered at {@code now}. */
  private Instant maxAgeStart(Instant now) {
    return now.minus(mailbox.office().reply().policy().maxAge());
  }

  /** The folder's cursor; a dry run's own, kept in memory, once it has one. */
  private Optional<FolderCursor> cursor(String folder) {
    FolderCursor dry = dryRunCursors.get(folder);
    return dry != null ? Optional.of(dry) : ledger.cursor(mailbox.name(), folder);
  }

  /**
   * A dry run records nothing, so it keeps its cursors in memory: a {@code run --dry-run} then
   * judges each new message once, after a baseline of its own, as the real daemon would.
   */
  private void saveCursor(String folder, long uidValidity, long lastUid) {
    if (dryRun) {
      dryRunCursors.put(
          folder, new FolderCursor(uidValidity, Math.max(0, lastUid), clock.instant()));
    } else {
      ledger.saveCursor(mailbox.name(), folder, uidValidity, Math.max(0, lastUid));
    }
  }

  /** Like {@link #saveCursor}, for where a folder starts from: on the disk when this returns. */
  private void saveBaseline(String folder, long uidValidity, long lastUid) {
    if (dryRun) {
      saveCursor(folder, uidValidity, lastUid);
    } else {
      ledger.saveBaseline(mailbox.name(), folder, uidValidity, Math.max(0, lastUid));
    }
  }

  @Override
  public void close() {
    source.close();
    parts.sender().close();
  }
}
