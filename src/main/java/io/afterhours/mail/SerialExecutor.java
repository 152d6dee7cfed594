package io.afterhours.mail;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs its tasks one after another, in order, on a shared executor: the steps for one folder never
 * overlap, while the steps for different folders share the executor's few threads. (The pattern of
 * {@link Executor}'s javadoc.)
 */
final class SerialExecutor implements Executor {
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final Executor executor;
  private Runnable active;

  SerialExecutor(Executor executor) {
    this.executor = executor;
  }

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(
        () -> {
          try {
            task.run();
          } finally {
            scheduleNext();
          }
        });
    if (active == null) {
      scheduleNext();
    }
  }

  private synchronized void scheduleNext() {
    active = tasks.poll();
    if (active != null) {
      try {
        executor.execute(active);
      } catch (RejectedExecutionException shutDown) {
        // The shared executor is shut down: everything is stopping, the rest has nothing to do.
        tasks.clear();
        active = null;
      }
    }
  }
}
