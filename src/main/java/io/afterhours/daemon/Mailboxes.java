package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.mail.ImapMailbox;
import io.afterhours.mail.SmtpReplySender;
import io.afterhours.pass.CorrespondentBook;
import io.afterhours.pass.LeaseHolder;
import io.afterhours.pass.Leases;
import io.afterhours.pass.LedgerException;
import io.afterhours.pass.MailServerException;
import io.afterhours.policy.ReplyAudience;
import io.afterhours.reply.MessageIdGenerator;
import io.afterhours.reply.RandomMessageIds;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.reply.TemplateProblem;
import io.afterhours.responder.Responder;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.LiveSchedule;
import io.afterhours.store.KeptAway;
import io.afterhours.store.Store;
import io.afterhours.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the running parts together by plain constructors: the store, and for each mailbox its
 * templates, responder, IMAP and SMTP adapters and worker.
 */
public final class Mailboxes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);

  /**
   * How long {@code once} and a starting daemon wait for a mailbox's lease whose holder stops
   * renewing it: long enough for a lease to expire.
   */
  static final Duration LEASE_PATIENCE = LeaseKeeper.TTL.plus(LeaseKeeper.RENEW_EVERY);

  private final Store store;
  private final List<MailboxWorker> workers;
  private final Metrics metrics;
  private final Optional<LeaseKeeper> leases;

  private final List<ExecutorService> executors;

  /** Each mailbox's schedule and templates, as its responder uses them (the status page too). */
  private final Map<String, Office> offices;

  /** A mailbox's schedule (with the away periods kept in the store) and its templates. */
  public record Office(LiveSchedule schedule, TemplateCatalog templates) {}

  private Mailboxes(
      Store store,
      List<MailboxWorker> workers,
      Metrics metrics,
      Optional<LeaseKeeper> leases,
      List<ExecutorService> executors,
      Map<String, Office> offices) {
    this.store = store;
    this.workers = List.copyOf(workers);
    this.metrics = metrics;
    this.leases = leases;
    this.executors = executors;
    this.offices = Map.copyOf(offices);
  }

  /** Thrown when a template cannot serve every situation; nothing is started. */
  public static final class TemplatesInvalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    TemplatesInvalid(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** Opens the mailboxes for {@code afterhours once}. */
  public static Mailboxes open(Settings settings, Clock clock, boolean dryRun)
      throws TemplatesInvalid {
    return open(settings, clock, dryRun, "once");
  }

  /**
   * @param command what this process runs ({@code run}, {@code once}), named in its leases so that
   *     a second process can say who holds a mailbox
   */
  public static Mailboxes open(Settings settings, Clock clock, boolean dryRun, String command)
      throws TemplatesInvalid {
    return open(settings, clock, dryRun, command, new Metrics());
  }

  /**
   * @param metrics where the passes count: {@code run} hands the same one to the mailboxes of each
   *     reload, so that its counters go on from where they were
   */
  public static Mailboxes open(
      Settings settings, Clock clock, boolean dryRun, String command, Metrics metrics)
      throws TemplatesInvalid {
    return open(settings, clock, dryRun, command, new RandomMessageIds(), metrics);
  }

  static Mailboxes open(
      Settings settings, Clock clock, boolean dryRun, String command, MessageIdGenerator messageIds)
      throws TemplatesInvalid {
    return open(settings, clock, dryRun, command, messageIds, new Metrics());
  }

  private static Mailboxes open(
      Settings settings,
      Clock clock,
      boolean dryRun,
      String command,
      MessageIdGenerator messageIds,
      Metrics metrics)
      throws TemplatesInvalid {
    List<String> problems = new ArrayList<>();
    List<TemplateCatalog> catalogs = new ArrayList<>();
    TemplateFiles.Shared templates = new TemplateFiles.Shared();
    for (MailboxSettings mailbox : settings.mailboxes()) {
      try {
        TemplateCatalog catalog = templates.load(mailbox.office());
        templates.check(mailbox.office()).stream()
            .map(TemplateProblem::toString)
            .forEach(problems::add);
        catalogs.add(catalog);
      } catch (IOException e) {
        problems.add("mailbox " + mailbox.name() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new TemplatesInvalid(problems.stream().distinct().toList());
    }
    Store store = Store.open(settings.store(), clock);
    // Copies to Sent run beside the passes (see SentCopies), on a few threads for all mailboxes.
    ExecutorService copier =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, settings.mailboxes().size())),
            r -> {
              Thread t = new Thread(r, "afterhours-sent-copies");
              t.setDaemon(true);
              return t;
            });
    // A reply's pending record commits while SMTP carries the reply (see PendingClaim): on a
    // thread of this pool, which has one for each pass that is sending and none at rest.
    ExecutorService ledgerWriter = threadPerTask("afterhours-ledger");
    // A backlog's next slice is read while the replies of the one before go out: on a thread of
    // this pool, which has one for each pass reading a backlog and none at rest.
    ExecutorService readAhead = threadPerTask("afterhours-read-ahead");
    // A dry run keeps what it learns from the Sent folders in memory, as it does its cursors.
    CorrespondentBook correspondents =
        dryRun ? new DryRunCorrespondents(store.correspondents(), clock) : store.correspondents();
    List<MailboxWorker> workers = new ArrayList<>();
    Map<String, Office> offices = new HashMap<>();
    for (int i = 0; i < settings.mailboxes().size(); i++) {
      MailboxSettings mailbox = settings.mailboxes().get(i);
      LiveSchedule schedule = new LiveSchedule(mailbox.office().schedule());
      offices.put(mailbox.name(), new Office(schedule, catalogs.get(i)));
      Responder responder =
          new Responder(
              mailbox.identity(),
              mailbox.office(),
              schedule,
              catalogs.get(i),
              store.ledger(),
              correspondents,
              messageIds);
      ImapMailbox imap = new ImapMailbox(mailbox.name(), mailbox.imap(), clock);
      MailboxWorker worker =
          new MailboxWorker(
              mailbox,
              responder,
              store.ledger(),
              imap,
              new SmtpReplySender(mailbox.name(), mailbox.smtp(), mailbox.envelopeSender()),
              clock,
              settings.retention(),
              dryRun,
              metrics,
              copier,
              ledgerWriter);
      worker.prefetching(readAhead);
      if (mailbox.office().reply().policy().onlyTo() == ReplyAudience.CORRESPONDENTS) {
        worker.learningCorrespondents(
            new CorrespondentLearning(mailbox.identity(), imap, correspondents));
      }
      workers.add(worker);
    }
    // A dry run sends and records nothing, so it takes no lease and disturbs no running daemon.
    Optional<LeaseKeeper> leases =
        dryRun
            ? Optional.empty()
            : Optional.of(new LeaseKeeper(store.leases(command, LeaseKeeper.TTL)));
    Mailboxes opened =
        new Mailboxes(
            store, workers, metrics, leases, List.of(copier, ledgerWriter, readAhead), offices);
    workers.forEach(w -> opened.refreshAway(w.name()));
    return opened;
  }

  /** The schedule and templates of mailbox {@code name}, as its passes use them. */
  public Optional<Office> office(String name) {
    return Optional.ofNullable(offices.get(name));
  }

  /**
   * Reads the away periods the store keeps for mailbox {@code name} (one query) into its schedule:
   * before each pass, so that the away switch applies without a restart. A store that cannot be
   * read keeps the periods read before.
   */
  public void refreshAway(String name) {
    Office office = offices.get(name);
    if (office == null) {
      return;
    }
    try {
      List<AwayPeriod> kept =
          store.awayPeriods().forMailbox(name).stream().map(KeptAway::period).toList();
      if (office.schedule().keep(kept)) {
        LOG.info(
            "mailbox={} away periods kept in the store: {}",
            name,
            kept.isEmpty() ? "none" : kept.size());
      }
    } catch (StoreException e) {
      LOG.warn(
          "mailbox={} cannot read the away periods kept in the store; keeping those read before:"
              + " {}",
          name,
          e.getMessage());
    }
  }

  /** The leases of this process; empty for a dry run. */
  Optional<LeaseKeeper> leases() {
    return leases;
  }

  public List<MailboxWorker> workers() {
    return workers;
  }

  public Metrics metrics() {
    return metrics;
  }

  public Store store() {
    return store;
  }

  /**
   * One pass over every mailbox, one after the other, each under its lease (taken for the pass and
   * given back after it). A mailbox whose lease another live process holds is not passed over.
   *
   * @return true when every mailbox was read; a failing mailbox is logged and the others go on
   */
  public boolean passOnce(Optional<Instant> now) {
    boolean allGood = true;
    for (MailboxWorker worker : workers) {
      try {
        PassSummary summary = pass(worker, now);
        LOG.info("mailbox={} pass done: {}", worker.name(), summary);
        allGood &= summary.failed() == 0 && worker.missingFolders().isEmpty();
      } catch (MailboxHeld e) {
        LOG.warn(
            "mailbox={} not passed over: {} holds it (another process passes over this"
                + " mailbox and answers its mail)",
            worker.name(),
            e.holder().describe());
        allGood = false;
      } catch (MailServerException | LedgerException e) {
        LOG.error("mailbox={} pass failed: {}", worker.name(), e.getMessage());
        LOG.debug("mailbox={} pass failure", worker.name(), e);
        worker.close();
        allGood = false;
      }
    }
    return allGood;
  }

  /**
   * A pool of daemon threads named {@code name}, one for each task under way, each kept 10 s after
   * its last task.
   */
  private static ExecutorService threadPerTask(String name) {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        10,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /** Another live process holds the mailbox's lease. */
  static final class MailboxHeld extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient LeaseHolder holder;

    MailboxHeld(LeaseHolder holder) {
      super(holder.describe());
      this.holder = holder;
    }

    LeaseHolder holder() {
      return holder;
    }
  }

  /**
   * One pass over one mailbox under its lease, taken for the pass and given back after it.
   *
   * @throws MailboxHeld when another live process holds the mailbox's lease
   */
  PassSummary pass(MailboxWorker worker, Optional<Instant> now)
      throws MailServerException, MailboxHeld {
    refreshAway(worker.name());
    if (leases.isEmpty()) {
      return worker.pass(Optional.empty(), now);
    }
    Optional<LeaseHolder> holder = takeLease(worker.name());
    if (holder.isPresent()) {
      throw new MailboxHeld(holder.get());
    }
    try {
      return worker.pass(leases.get().lease(worker.name()), now);
    } finally {
      leases.get().release(worker.name());
    }
  }

  /** Takes the mailbox's lease; the holder when another live process keeps it. */
  private Optional<LeaseHolder> takeLease(String mailbox) {
    try {
      Leases.Outcome outcome = leases.orElseThrow().await(mailbox, LEASE_PATIENCE);
      return outcome instanceof Leases.Held held ? Optional.of(held.holder()) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted while waiting for the lease of mailbox " + mailbox);
    }
  }

  public void stopAll() {
    workers.forEach(MailboxWorker::stop);
  }

  @Override
  public void close() {
    executors.forEach(ExecutorService::shutdown);
    leases.ifPresent(LeaseKeeper::close);
    workers.forEach(MailboxWorker::close);
    store.close();
  }
}
