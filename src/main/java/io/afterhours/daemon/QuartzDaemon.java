package io.afterhours.daemon;

import io.afterhours.mail.IdleWatch;
import io.afterhours.mail.IdleWatchers;
import io.afterhours.pass.Lease;
import io.afterhours.pass.LeaseHolder;
import io.afterhours.pass.Leases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import org.quartz.DateBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: one Quartz job per mailbox, fired every poll interval and when IDLE announces new
 * mail, never two at once for one mailbox, and only while this process holds the mailbox's lease
 * (DESIGN §6). Alone, it takes every mailbox's lease at start and refuses to start when another
 * live process holds one; in a cluster, each node takes its fair share of the mailboxes and a
 * survivor takes a dead node's over once their leases expire. A mailbox whose servers fail waits
 * out an exponential backoff with jitter; it never stops the daemon. {@link #stop} lets each pass
 * finish the message in hand, then closes connections and gives the leases back.
 */
public final class QuartzDaemon {
  private static final Logger LOG = LoggerFactory.getLogger(QuartzDaemon.class);
  private static final String GROUP = "mailboxes";

  /** How long a pass connection stays open after a pass when IDLE watches the mailbox. */
  static final Duration LINGER = Duration.ofSeconds(30);

  private static final String HANG_UP = "hang-up-idle-connections";

  /** How long, at most, the first passes wait for the IDLE connections (catchUpWhenWatching). */
  static final Duration CATCH_UP_WAIT = Duration.ofSeconds(20);

  /** At most this many passes run at once, whatever the number of mailboxes. */
  static final int PASS_THREADS = 8;

  /** Another live process holds a mailbox's lease: a second daemon on the same store. */
  public static final class MailboxHeldException extends Exception {
    private static final long serialVersionUID = 1L;

    MailboxHeldException(String mailbox, LeaseHolder holder) {
      super(
          "mailbox "
              + mailbox
              + " is held by "
              + holder.describe()
              + ": another afterhours uses this store. Stop it first, or, to share the"
              + " mailboxes between several nodes, set cluster.enabled = true on each (with a"
              + " PostgreSQL store)");
    }
  }

  private final Mailboxes mailboxes;
  private final Duration pollInterval;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Map<String, MailboxHealth> health = new HashMap<>();
  private final boolean idle;
  private final boolean clustered;
  private final Optional<LeaseKeeper> leases;
  private final Heartbeat heartbeat = new Heartbeat(System::nanoTime);
  private final Map<String, List<IdleWatch>> watches = new ConcurrentHashMap<>();
  private volatile IdleWatchers idleWatchers;
  private Scheduler scheduler;
  private PassRunner runner;

  /**
   * @param idle also watch every folder with IMAP IDLE and pass at once when mail arrives; the poll
   *     every {@code pollInterval} stays as a safety sweep
   */
  public QuartzDaemon(Mailboxes mailboxes, Duration pollInterval, boolean idle, Clock clock) {
    this(mailboxes, pollInterval, idle, false, clock);
  }

  /**
   * @param clustered share the mailboxes with the other nodes on the same PostgreSQL store, by
   *     their leases: each mailbox is passed over by one node at a time
   */
  public QuartzDaemon(
      Mailboxes mailboxes, Duration pollInterval, boolean idle, boolean clustered, Clock clock) {
    if (clustered && !mailboxes.store().isPostgres()) {
      throw new IllegalArgumentException("a cluster needs a PostgreSQL store");
    }
    this.mailboxes = mailboxes;
    this.pollInterval = pollInterval;
    this.idle = idle;
    this.clustered = clustered;
    this.clock = clock;
    this.leases = mailboxes.leases();
    Random random = new Random();
    Map<String, BooleanSupplier> up = new HashMap<>();
    for (MailboxWorker worker : mailboxes.workers()) {
      if (idle) {
        worker.lingering(); // hung up by hangUpIdleConnections, with the IMAP connection
      }
      MailboxHealth h = new MailboxHealth(worker.name(), random);
      health.put(worker.name(), h);
      up.put(worker.name(), () -> h.failures() == 0);
    }
    mailboxes.metrics().watch(up);
  }

  /**
   * Takes the mailboxes' leases (alone: all of them, waiting for a dead holder's to expire; in a
   * cluster: as they come), then polls every mailbox now and every poll interval after.
   *
   * @throws MailboxHeldException when, outside a cluster, another live process holds a mailbox
   */
  public void start() throws SchedulerException, MailboxHeldException, InterruptedException {
    if (leases.isPresent() && !clustered) {
      Optional<Map.Entry<String, Leases.Held>> held =
          leases
              .get()
              .awaitAll(
                  mailboxes.workers().stream().map(MailboxWorker::name).toList(),
                  Mailboxes.LEASE_PATIENCE);
      if (held.isPresent()) {
        leases.get().close();
        throw new MailboxHeldException(held.get().getKey(), held.get().getValue().holder());
      }
    }
    runner =
        new PassRunner(
            Math.max(1, Math.min(PASS_THREADS, mailboxes.workers().size())),
            name -> passWithBackoff(worker(name), health.get(name)));
    Properties props = new Properties();
    props.put("org.quartz.scheduler.instanceName", "afterhours");
    props.put("org.quartz.scheduler.skipUpdateCheck", "true");
    // Quartz only rings the poll sweeps (and the heartbeat): a job asks the PassRunner for a pass
    // and returns at once, so a sweep is never late, and never dropped as misfired, however many
    // mailboxes there are. A second thread keeps the heartbeat (/livez) apart from the sweeps.
    props.put("org.quartz.threadPool.threadCount", "2");
    props.put("org.quartz.jobStore.misfireThreshold", "60000");
    props.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    scheduler = new StdSchedulerFactory(props).getScheduler();
    // This object holds the scheduler; Quartz's JVM-wide registry by name would otherwise hand a
    // second daemon in this JVM (a reload, a test node) the first one's scheduler.
    SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
    scheduler.setJobFactory(
        (bundle, s) -> {
          JobKey key = bundle.getJobDetail().getKey();
          return heartbeat
              .job(key)
              .orElseGet(
                  () ->
                      new PassJob(
                          key.getGroup().equals(GROUP)
                              ? () -> runner.request(key.getName())
                              : this::hangUpIdleConnections));
        });
    heartbeat.schedule(scheduler);
    for (MailboxWorker worker : mailboxes.workers()) {
      JobDetail job = JobBuilder.newJob(PassJob.class).withIdentity(worker.name(), GROUP).build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(worker.name(), GROUP)
              // With IDLE, the first passes wait for the folders to be watched (catchUp...). On
              // Quartz's own clock: the daemon's may be a test's, fixed in the past.
              .startAt(
                  DateBuilder.futureDate(
                      idle ? (int) Math.min(Integer.MAX_VALUE, pollInterval.toMillis()) : 0,
                      DateBuilder.IntervalUnit.MILLISECOND))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule()
                      .withIntervalInMilliseconds(pollInterval.toMillis())
                      .repeatForever()
                      .withMisfireHandlingInstructionFireNow())
              .build();
      scheduler.scheduleJob(job, Set.of(trigger), true);
    }
    if (idle) {
      scheduleHangingUp();
    }
    if (idle) {
      idleWatchers = new IdleWatchers();
    }
    scheduler.start();
    List<String> names = mailboxes.workers().stream().map(MailboxWorker::name).toList();
    if (leases.isPresent()) {
      names.stream().filter(n -> leases.get().lease(n).isPresent()).forEach(this::watch);
      leases.get().keep(names, clustered, new LeaseListener());
    } else {
      names.forEach(this::watch);
    }
    if (idle) {
      catchUpWhenWatching(System.nanoTime());
    }
    LOG.info(
        "afterhours running: {} mailbox(es), polling every {}s{}{}",
        mailboxes.workers().size(),
        pollInterval.toSeconds(),
        idle ? ", IMAP IDLE on" : "",
        clustered ? ", sharing the mailboxes with the other nodes of the store" : "");
  }

  /**
   * With IDLE doing the watching, a mailbox's pass connections (IMAP, and SMTP when it replied) are
   * closed once they have not been used for {@link #LINGER}: one IMAP connection per mailbox at
   * rest, not two, while a burst of mail, or the next single mail, still finds them open from one
   * pass to the next.
   */
  private void scheduleHangingUp() throws SchedulerException {
    JobDetail job = JobBuilder.newJob(PassJob.class).withIdentity(HANG_UP, "maintenance").build();
    Trigger every =
        TriggerBuilder.newTrigger()
            .withIdentity(HANG_UP, "maintenance")
            .startAt(
                DateBuilder.futureDate(
                    (int) LINGER.toMillis(), DateBuilder.IntervalUnit.MILLISECOND))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(LINGER.toMillis() / 2)
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    scheduler.scheduleJob(job, Set.of(every), true);
  }

  private void hangUpIdleConnections() {
    for (MailboxWorker worker : mailboxes.workers()) {
      if (worker.sinceLastPass().compareTo(LINGER) >= 0) {
        runner.runIfIdle(worker.name(), worker::close);
      }
    }
  }

  /**
   * With IDLE, the first pass over each mailbox (which answers what arrived while the daemon was
   * down, or since it started) waits until every folder has been watched, or has failed to be, at
   * most {@link #CATCH_UP_WAIT}: each mailbox costs the server a login for its IDLE connection and
   * another for its pass connection, and with a thousand mailboxes logging in all the IDLE
   * connections first gets every mailbox watched in half the time. Mail that arrives on a watched
   * folder meanwhile is passed over at once.
   *
   * <p>Then logs once when every folder of every mailbox this node holds is watched with IDLE, or,
   * after a minute, how many are not yet: an operator of many mailboxes sees when the daemon is
   * ready.
   */
  private void catchUpWhenWatching(long started) {
    Thread reporter =
        new Thread(
            () -> {
              long catchUpBy = started + CATCH_UP_WAIT.toNanos();
              while (!stopping.get()
                  && System.nanoTime() < catchUpBy
                  && !watches.values().stream()
                      .flatMap(List::stream)
                      .allMatch(IdleWatch::attempted)) {
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
              if (stopping.get()) {
                return;
              }
              List<String> watched = List.copyOf(watches.keySet());
              long connecting =
                  watches.values().stream()
                      .flatMap(List::stream)
                      .filter(w -> !w.attempted())
                      .count();
              LOG.info(
                  "first passes over {} mailbox(es), {} ms after start, {}",
                  watched.size(),
                  Duration.ofNanos(System.nanoTime() - started).toMillis(),
                  connecting == 0
                      ? "once their folders were watched"
                      : connecting
                          + " folder(s) still connecting for IDLE after "
                          + CATCH_UP_WAIT.toSeconds()
                          + "s");
              runner.requestAll(watched);
              long deadline = started + Duration.ofMinutes(1).toNanos();
              while (!stopping.get() && !idleWatching()) {
                if (System.nanoTime() > deadline) {
                  long waiting =
                      watches.values().stream()
                          .flatMap(List::stream)
                          .filter(w -> !w.watching())
                          .count();
                  LOG.warn(
                      "{} folder(s) not yet watched with IDLE a minute after start; the poll"
                          + " sweep covers them meanwhile",
                      waiting);
                  return;
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
              if (!stopping.get()) {
                LOG.info(
                    "every folder of the {} mailbox(es) held is watched with IDLE, {} ms after"
                        + " start",
                    watches.size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
              }
            },
            "afterhours-idle-ready");
    reporter.setDaemon(true);
    reporter.start();
  }

  /** Starts or stops watching a mailbox as this node gains or loses its lease. */
  private final class LeaseListener implements LeaseKeeper.Listener {
    @Override
    public void acquired(String mailbox) {
      LOG.info("mailbox={} taken: this node now passes over it", mailbox);
      watch(mailbox);
      runner.request(mailbox);
    }

    @Override
    public void lost(String mailbox) {
      unwatch(mailbox);
    }
  }

  private void watch(String mailbox) {
    if (idleWatchers == null || stopping.get()) {
      return;
    }
    MailboxWorker worker = worker(mailbox);
    List<IdleWatch> folders = new ArrayList<>();
    for (String folder : worker.settings().folders()) {
      folders.add(
          idleWatchers.watch(
              mailbox, folder, worker.settings().imap(), () -> runner.request(mailbox)));
    }
    List<IdleWatch> before = watches.put(mailbox, folders);
    if (before != null) {
      before.forEach(w -> w.close(Duration.ZERO));
    }
  }

  private void unwatch(String mailbox) {
    List<IdleWatch> folders = watches.remove(mailbox);
    if (folders != null) {
      folders.forEach(w -> w.close(Duration.ZERO));
    }
  }

  private MailboxWorker worker(String name) {
    return mailboxes.workers().stream()
        .filter(w -> w.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private void passWithBackoff(MailboxWorker worker, MailboxHealth h) {
    if (!h.mayTry(clock.instant())) {
      return;
    }
    Optional<Lock> lock = leases.map(l -> l.passLock(worker.name()));
    lock.ifPresent(Lock::lock);
    try {
      Optional<Lease> lease = Optional.empty();
      if (leases.isPresent()) {
        lease = leases.get().lease(worker.name());
        if (lease.isEmpty()) {
          return; // another node has this mailbox
        }
      }
      long started = System.nanoTime();
      try {
        mailboxes.refreshAway(worker.name());
        PassSummary summary = worker.pass(lease, Optional.empty());
        mailboxes
            .metrics()
            .pass(worker.name(), Duration.ofNanos(System.nanoTime() - started), true);
        h.succeeded();
        h.passedAt(clock.instant());
        if (summary.seen() > 0) {
          LOG.info("mailbox={} pass done: {}", worker.name(), summary);
        }

      } catch (Exception e) {
        mailboxes
            .metrics()
            .pass(worker.name(), Duration.ofNanos(System.nanoTime() - started), false);
        worker.close();
        h.failed(clock.instant(), e.getMessage() == null ? e.toString() : e.getMessage());
      }
    } finally {
      lock.ifPresent(Lock::unlock);
    }
  }

  public Metrics metrics() {
    return mailboxes.metrics();
  }

  /**
   * True while the scheduler runs its jobs (a heartbeat job ticks every few seconds), whatever the
   * mail servers do: what {@code /livez} answers.
   */
  public boolean alive() {
    return heartbeat.alive();
  }

  /** Each mailbox's state: true while its servers answer, false while it backs off. */
  public Map<String, Boolean> mailboxStates() {
    Map<String, Boolean> states = new TreeMap<>();
    health.forEach((name, h) -> states.put(name, h.failures() == 0));
    return states;
  }

  /** Each mailbox's servers in detail, for the status page. */
  public Map<String, MailboxStatus> mailboxStatus() {
    Set<String> held = heldMailboxes();
    Map<String, MailboxStatus> status = new TreeMap<>();
    health.forEach((name, h) -> status.put(name, h.status(held.contains(name))));
    return status;
  }

  /** What this daemon runs: the store, the mailboxes' settings, schedules and templates. */
  public Mailboxes mailboxes() {
    return mailboxes;
  }

  /** True when IDLE is on and every folder of every mailbox this node holds is being watched. */
  public boolean idleWatching() {
    return idle
        && !watches.isEmpty()
        && watches.values().stream().flatMap(List::stream).allMatch(IdleWatch::watching);
  }

  /** The mailboxes this process holds the lease of now, and so passes over. */
  public Set<String> heldMailboxes() {
    Set<String> held = new java.util.TreeSet<>();
    for (MailboxWorker worker : mailboxes.workers()) {
      if (leases.isEmpty() || leases.get().lease(worker.name()).isPresent()) {
        held.add(worker.name());
      }
    }
    return held;
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Lets running passes finish their message in hand, then shuts down, closes everything and gives
   * the leases back.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    LOG.info("afterhours stopping: finishing the messages in hand");
    if (idleWatchers != null) {
      idleWatchers.close();
    }
    mailboxes.stopAll();
    try {
      if (scheduler != null) {
        scheduler.shutdown(true);
      }
      if (runner != null) {
        runner.close();
      }
    } catch (SchedulerException e) {
      LOG.warn("scheduler did not shut down cleanly: {}", e.getMessage());
    } finally {
      mailboxes.close();
      stopped.countDown();
      LOG.info("afterhours stopped");
    }
  }

  /** The job Quartz runs for one mailbox; never concurrently with itself. */
  @DisallowConcurrentExecution
  static final class PassJob implements Job {
    private final Runnable pass;

    PassJob(Runnable pass) {
      this.pass = pass;
    }

    @Override
    public void execute(JobExecutionContext context) {
      pass.run();
    }
  }
}
