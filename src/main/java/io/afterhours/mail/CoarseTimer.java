package io.afterhours.mail;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
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
 * <p>Only what Angus Mail uses is supported: {@link #schedule(Callable, long, TimeUnit)}, {@link
 * #schedule(Runnable, long, TimeUnit)} and {@link #execute}.
 */
final class CoarseTimer extends AbstractExecutorService implements ScheduledExecutorService {
  /** How often due tasks are looked for. */
  static final long SWEEP_MILLIS = 1000;

  private final Set<Task<?>> pending = ConcurrentHashMap.newKeySet();
  private final LongSupplier nanoTime;

  /** A timer swept by a daemon thread of its own, named {@code name}. */
  static CoarseTimer started(String name) {
    CoarseTimer timer = new CoarseTimer(System::nanoTime);
    Thread sweeper =
        new Thread(
            () -> {
              while (true) {
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
    Task<V> task = new Task<>(callable, nanoTime.getAsLong() + unit.toNanos(delay));
    pending.add(task);
    return task;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(
        () -> {
          command.run();
          return null;
        },
        delay,
        unit);
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("only one-shot tasks");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("only one-shot tasks");
  }

  /** The timer serves the whole process; it is never shut down. */
  @Override
  public void shutdown() {
    throw new UnsupportedOperationException("the write-timeout timer lives as long as the process");
  }

  @Override
  public List<Runnable> shutdownNow() {
    throw new UnsupportedOperationException("the write-timeout timer lives as long as the process");
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }

  /** One task: pending until it is run or cancelled, whichever comes first. */
  private final class Task<V> implements ScheduledFuture<V>, Runnable {
    private static final int PENDING = 0;
    private static final int RUN = 1;
    private static final int CANCELLED = 2;

    private final Callable<V> callable;
    private final long due;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final CountDownLatch done = new CountDownLatch(1);
    private V result;
    private Throwable failure;

    Task(Callable<V> callable, long due) {
      this.callable = callable;
      this.due = due;
    }

    @Override
    public void run() {
      if (!state.compareAndSet(PENDING, RUN)) {
        return;
      }
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
