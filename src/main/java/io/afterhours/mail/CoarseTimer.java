package io.afterhours.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The timer behind the write timeouts of the pass and SMTP connections: Angus Mail schedules a task
 * before every write to a socket (it closes the socket when the write has not returned after the
 * timeout) and cancels it after. A {@link java.util.concurrent.ScheduledThreadPoolExecutor} wakes
 * its thread for each such task, tens of thousands of times in a backlog, to do nothing; here a
 * task is only added to a set and removed from it, and one thread looks once a second for tasks
 * that are due. A write timeout of 30 s then fires within 31 s.
 *
 * <p>Angus Mail uses one-shot tasks only; periodic ones and shutting down work as a {@link
 * java.util.concurrent.ScheduledThreadPoolExecutor}'s do, to the same coarse second.
 */
final class CoarseTimer extends AbstractExecutorService implements ScheduledExecutorService {
  /** How often due tasks are looked for. */
  static final long SWEEP_MILLIS = 1000;

  private final Set<Task<?>> pending = ConcurrentHashMap.newKeySet();
  private final LongSupplier nanoTime;
  private volatile boolean shutdown;

  /** A timer swept by a daemon thread of its own, named {@code name}, until it terminates. */
  static CoarseTimer started(String name) {
    CoarseTimer timer = new CoarseTimer(System::nanoTime);
    Thread sweeper =
        new Thread(
            () -> {
              while (!timer.isTerminated()) {
                try {
                  Thread.sleep(SWEEP_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
                timer.sweep();
              }
            },
            name);
    sweeper.setDaemon(true);
    sweeper.start();
    return timer;
  }

  /** A timer that runs its due tasks only when {@link #sweep} is called: for tests. */
  CoarseTimer(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Runs every task that is due and not cancelled, on the calling thread. */
  void sweep() {
    long now = nanoTime.getAsLong();
    for (Task<?> task : pending) {
      if (now - task.due >= 0 && pending.remove(task)) {
        task.run();
      }
    }
  }

  /** How many tasks wait to be due or cancelled. */
  int pending() {
    return pending.size();
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(new Task<>(callable, nanoTime.getAsLong() + unit.toNanos(delay), 0));
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(Executors.callable(command), delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  /** Runs {@code command} every {@code period} from its first run, at the first sweep after. */
  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return periodic(command, initialDelay, unit.toNanos(period), unit);
  }

  /** Runs {@code command} again {@code delay} after each run ends, at the first sweep after. */
  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return periodic(command, initialDelay, -unit.toNanos(delay), unit);
  }

  private ScheduledFuture<?> periodic(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    if (period == 0) {
      throw new IllegalArgumentException("a periodic task needs a period");
    }
    return add(
        new Task<>(
            Executors.callable(command),
            nanoTime.getAsLong() + unit.toNanos(initialDelay),
            period));
  }

  private <V> Task<V> add(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("the timer is shut down");
    }
    pending.add(task);
    return task;
  }

  /** Takes no new task; the ones scheduled still run when due, periodic ones not again. */
  @Override
  public void shutdown() {
    shutdown = true;
  }

  /** Takes no new task and cancels the ones waiting, which it returns. */
  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> waiting = new ArrayList<>();
    for (Task<?> task : pending) {
      if (task.cancel(false)) {
        waiting.add(task);
      }
    }
    return waiting;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && pending.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!isTerminated()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
    }
    return true;
  }

  /**
   * One task: pending until it is run or cancelled, whichever comes first; a periodic one pending
   * again after each run, until it is cancelled, fails or the timer is shut down.
   */
  private final class Task<V> implements ScheduledFuture<V>, Runnable {
    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int CANCELLED = 2;

    private final Callable<V> callable;
    private final long period; // 0: once; > 0: at a fixed rate; < 0: with a fixed delay
    private volatile long due;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final CountDownLatch done = new CountDownLatch(1);
    private V result;
    private Throwable failure;

    Task(Callable<V> callable, long due, long period) {
      this.callable = callable;
      this.due = due;
      this.period = period;
    }

    @Override
    public void run() {
      if (period == 0) {
        if (state.compareAndSet(PENDING, DONE)) {
          complete();
        }
        return;
      }
      if (state.get() != PENDING) {
        return;
      }
      try {
        callable.call();
      } catch (Throwable t) {
        failure = t;
        if (state.compareAndSet(PENDING, DONE)) {
          done.countDown();
        }
        return;
      }
      if (shutdown) {
        cancel(false);
        return;
      }
      due = period > 0 ? due + period : nanoTime.getAsLong() - period;
      if (state.get() == PENDING) {
        pending.add(this);
      }
    }

    private void complete() {
      try {
        result = callable.call();
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.countDown();
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (!state.compareAndSet(PENDING, CANCELLED)) {
        return false;
      }
      pending.remove(this);
      done.countDown();
      return true;
    }

    @Override
    public boolean isCancelled() {
      return state.get() == CANCELLED;
    }

    @Override
    public boolean isDone() {
      return done.getCount() == 0;
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
      done.await();
      return outcome();
    }

    @Override
    public V get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      if (!done.await(timeout, unit)) {
        throw new TimeoutException();
      }
      return outcome();
    }

    private V outcome() throws ExecutionException {
      if (state.get() == CANCELLED) {
        throw new CancellationException();
      }
      if (failure != null) {
        throw new ExecutionException(failure);
      }
      return result;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nanoTime.getAsLong(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
