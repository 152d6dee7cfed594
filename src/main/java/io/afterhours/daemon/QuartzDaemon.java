package io.afterhours.daemon;

import io.afterhours.mail.IdleWatch;
import io.afterhours.mail.IdleWatchers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: one Quartz job per mailbox, fired every poll interval, never two at once for one
 * mailbox. A mailbox whose servers fail waits out an exponential backoff with jitter; it never
 * stops the daemon. {@link #stop} lets each pass finish the message in hand, then closes
 * connections.
 */
public final class QuartzDaemon {
  private static final Logger LOG = LoggerFactory.getLogger(QuartzDaemon.class);
  private static final String DATA_SOURCE = "afterhours";
  private static final java.util.concurrent.atomic.AtomicInteger INSTANCES =
      new java.util.concurrent.atomic.AtomicInteger();

  private final Mailboxes mailboxes;
  private final Duration pollInterval;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Map<String, MailboxHealth> health = new HashMap<>();
  private final boolean idle;
  private final boolean clustered;
  private final List<IdleWatch> watches = new ArrayList<>();
  private volatile IdleWatchers idleWatchers;
  private Scheduler scheduler;

  /**
   * @param idle also watch every folder with IMAP IDLE and pass at once when mail arrives; the poll
   *     every {@code pollInterval} stays as a safety sweep
   */
  public QuartzDaemon(Mailboxes mailboxes, Duration pollInterval, boolean idle, Clock clock) {
    this(mailboxes, pollInterval, idle, false, clock);
  }

  /**
   * @param clustered keep the jobs in the PostgreSQL store (Quartz's clustered JDBC job store):
   *     nodes sharing the store run each mailbox's pass on one node at a time, and a survivor takes
   *     over when a node dies
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
    Random random = new Random();
    for (MailboxWorker worker : mailboxes.workers()) {
      MailboxHealth h = new MailboxHealth(worker.name(), random);
      health.put(worker.name(), h);
      mailboxes.metrics().mailboxUp(worker.name(), () -> h.failures() == 0);
    }
  }

  /** Starts polling every mailbox now and every poll interval after. */
  public void start() throws SchedulerException {
    Properties props = new Properties();
    props.put("org.quartz.scheduler.instanceName", "afterhours");
    props.put("org.quartz.scheduler.skipUpdateCheck", "true");
    props.put(
        "org.quartz.threadPool.threadCount",
        String.valueOf(Math.max(1, Math.min(10, mailboxes.workers().size()))));
    props.put("org.quartz.jobStore.misfireThreshold", "5000");
    if (clustered) {
      clusteredJobStore(props);
    } else {
      props.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    }
    scheduler = new StdSchedulerFactory(props).getScheduler();
    // This object holds the scheduler; Quartz's JVM-wide registry by name would otherwise hand a
    // second daemon in this JVM (a reload, a test node) the first one's scheduler.
    SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
    scheduler.setJobFactory(
        (bundle, s) -> new PassJob(find(bundle.getJobDetail().getKey().getName())));
    for (MailboxWorker worker : mailboxes.workers()) {
      JobDetail job =
          JobBuilder.newJob(PassJob.class).withIdentity(worker.name(), "mailboxes").build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(worker.name(), "mailboxes")
              .startNow()
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule()
                      .withIntervalInMilliseconds(pollInterval.toMillis())
                      .repeatForever()
                      .withMisfireHandlingInstructionNextWithRemainingCount())
              .build();
      // Replace what an earlier start (of this node or another) left in a clustered store.
      scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
    }
    scheduler.start();
    if (idle) {
      startIdleWatchers();
    }
    LOG.info(
        "afterhours running: {} mailbox(es), polling every {}s{}{}",
        mailboxes.workers().size(),
        pollInterval.toSeconds(),
        idle ? ", IMAP IDLE on" : "",
        clustered ? ", clustered through the PostgreSQL store" : "");
  }

  private void clusteredJobStore(Properties props) {
    String dataSource = DATA_SOURCE + "-" + INSTANCES.incrementAndGet();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSource, new StoreConnections(mailboxes.store().dataSource()));
    props.put("org.quartz.scheduler.instanceId", "AUTO");
    props.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    props.put(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    props.put("org.quartz.jobStore.dataSource", dataSource);
    props.put("org.quartz.jobStore.isClustered", "true");
    props.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
  }

  /** Quartz's view of the store's connection pool. */
  private record StoreConnections(javax.sql.DataSource dataSource) implements ConnectionProvider {
    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // the store closes its own pool
    }

    @Override
    public void initialize() {
      // nothing to set up: the pool is open
    }
  }

  private void startIdleWatchers() {
    idleWatchers = new IdleWatchers();
    for (MailboxWorker worker : mailboxes.workers()) {
      JobKey job = new JobKey(worker.name(), "mailboxes");
      for (String folder : worker.settings().folders()) {
        watches.add(
            idleWatchers.watch(
                worker.name(), folder, worker.settings().imap(), () -> passNow(job)));
      }
    }
  }

  /** New mail: run the mailbox's job now (after the pass in hand, if one is running). */
  private void passNow(JobKey job) {
    try {
      scheduler.triggerJob(job);
    } catch (SchedulerException e) {
      LOG.debug("cannot trigger {}: {}", job, e.getMessage());
    }
  }

  private Runnable find(String name) {
    MailboxWorker worker =
        mailboxes.workers().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    MailboxHealth h = health.get(name);
    return () -> passWithBackoff(worker, h);
  }

  private void passWithBackoff(MailboxWorker worker, MailboxHealth h) {
    if (!h.mayTry(clock.instant())) {
      return;
    }
    long started = System.nanoTime();
    try {
      PassSummary summary = worker.pass(Optional.empty());
      mailboxes.metrics().pass(worker.name(), Duration.ofNanos(System.nanoTime() - started), true);
      h.passed(summary, clock.instant());
      if (summary.seen() > 0) {
        LOG.info("mailbox={} pass done: {}", worker.name(), summary);
      }
    } catch (Exception e) {
      mailboxes.metrics().pass(worker.name(), Duration.ofNanos(System.nanoTime() - started), false);
      worker.close();
      h.failed(clock.instant(), e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  public Metrics metrics() {
    return mailboxes.metrics();
  }

  /** Each mailbox's state: true while its servers answer, false while it backs off. */
  public Map<String, Boolean> mailboxStates() {
    Map<String, Boolean> states = new java.util.TreeMap<>();
    health.forEach((name, h) -> states.put(name, h.failures() == 0));
    return states;
  }

  /** True when IDLE is on and every folder is being watched. */
  public boolean idleWatching() {
    return idle && !watches.isEmpty() && watches.stream().allMatch(IdleWatch::watching);
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Lets running passes finish their message in hand, then shuts down and closes everything. */
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
