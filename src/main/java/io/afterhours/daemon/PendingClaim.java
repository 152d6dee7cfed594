package io.afterhours.daemon;

import io.afterhours.pass.Ledger;
import io.afterhours.pass.LedgerException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The commit that claims an original for one reply (its pending record, with what the pass settled
 * before it), under way on another thread while SMTP carries the reply up to its final ".". The
 * sender asks {@link #claimed} before that "." (see {@link io.afterhours.pass.HandOver}), so the
 * server cannot take the reply before its record is durable, and the commit costs the pass no time
 * of its own when it is shorter than the SMTP round trips it overlaps.
 */
final class PendingClaim {
  private final FutureTask<Ledger.Claim> commit;

  private PendingClaim(FutureTask<Ledger.Claim> commit) {
    this.commit = commit;
  }

  /** Starts {@code commit} on {@code writer}; in this thread when the writer takes no more work. */
  static PendingClaim start(Executor writer, Callable<Ledger.Claim> commit) {
    FutureTask<Ledger.Claim> task = new FutureTask<>(commit);
    try {
      writer.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
    return new PendingClaim(task);
  }

  /** Waits for the commit: true when the reply is recorded as pending and may be handed over. */
  boolean claimed() {
    try {
      return settled() == Ledger.Claim.CLAIMED;
    } catch (ExecutionException e) {
      return false; // the failure is thrown by outcome(), in the pass's own flow
    }
  }

  /**
   * Waits for the commit.
   *
   * @return what it did
   * @throws LedgerException (or whatever else the commit threw) when it failed
   */
  Ledger.Claim outcome() {
    try {
      return settled();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new LedgerException("cannot record a pending reply: " + cause, cause);
    }
  }

  /**
   * The commit's result, waiting for it without giving up on an interrupt: it takes milliseconds,
   * and a pass must know whether a reply was recorded before it stops.
   */
  private Ledger.Claim settled() throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return commit.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
