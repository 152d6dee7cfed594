package io.afterhours.daemon;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
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

/**
 * Whether the daemon's scheduler still runs its jobs, for {@code /livez}: a tiny job of its own
 * ticks it every {@link #EVERY}, and the process is live while the last tick is no more than {@link
 * #MISSED_ROUNDS} rounds old. It knows nothing of mail servers: a dead server makes a mailbox down
 * (not ready), never the process dead, because restarting the process cannot bring a server back.
 */
final class Heartbeat {
  static final Duration EVERY = Duration.ofSeconds(5);
  static final int MISSED_ROUNDS = 3;
  private static final JobKey JOB = new JobKey("heartbeat", "afterhours");

  private final LongSupplier nanoTime;
  private final long silenceAllowedNanos;
  private volatile long lastTick;

  /**
   * @param nanoTime a monotonic clock, {@code System::nanoTime} but in tests; it starts as if it
   *     had just ticked
   */
  Heartbeat(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.silenceAllowedNanos = EVERY.multipliedBy(MISSED_ROUNDS).toNanos();
    this.lastTick = nanoTime.getAsLong();
  }

  void tick() {
    lastTick = nanoTime.getAsLong();
  }

  /** True unless {@link #MISSED_ROUNDS} rounds have gone by without a tick. */
  boolean alive() {
    return nanoTime.getAsLong() - lastTick <= silenceAllowedNanos;
  }

  /**
   * Ticks every {@link #EVERY} on {@code scheduler}, before any pass that is due at the same time;
   * one that fired late fires at once.
   */
  void schedule(Scheduler scheduler) throws SchedulerException {
    JobDetail job = JobBuilder.newJob(Tick.class).withIdentity(JOB).build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(JOB.getName(), JOB.getGroup())
            .withPriority(Trigger.DEFAULT_PRIORITY + 5)
            .startNow()
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(EVERY.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNowWithExistingCount())
            .build();
    scheduler.scheduleJob(job, trigger);
  }

  /** The job Quartz should run for {@code key}, when it is this heartbeat's. */
  Optional<Job> job(JobKey key) {
    return JOB.equals(key) ? Optional.of(new Tick(this)) : Optional.empty();
  }

  /** The heartbeat's job: one tick. */
  static final class Tick implements Job {
    private final Heartbeat heartbeat;

    Tick(Heartbeat heartbeat) {
      this.heartbeat = heartbeat;
    }

    @Override
    public void execute(JobExecutionContext context) {
      heartbeat.tick();
    }
  }
}
