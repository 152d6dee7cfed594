package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.pass.Ledger.Claim;
import io.afterhours.pass.LedgerException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingClaimTest {
  private final ExecutorService writer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    writer.shutdownNow();
  }

  @Test
  void onlyAClaimedReplyMayBeHandedOver() {
    assertThat(PendingClaim.start(writer, () -> Claim.CLAIMED).claimed()).isTrue();
    assertThat(PendingClaim.start(writer, () -> Claim.ALREADY_ANSWERED).claimed()).isFalse();
    assertThat(PendingClaim.start(writer, () -> Claim.LEASE_LOST).claimed()).isFalse();
    assertThat(PendingClaim.start(writer, () -> Claim.LEASE_LOST).outcome())
        .isEqualTo(Claim.LEASE_LOST);
  }

  @Test
  void theCommitRunsOnTheWriterWhileTheCallerGoesOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    PendingClaim claim =
        PendingClaim.start(
            writer,
            () -> {
              thread.set(Thread.currentThread().getName());
              // Run in the caller, this would wait out the timeout before start returned.
              return release.await(10, TimeUnit.SECONDS) ? Claim.CLAIMED : Claim.LEASE_LOST;
            });

    // start returned with the commit still under way
    release.countDown();

    assertThat(claim.outcome()).isEqualTo(Claim.CLAIMED);
    assertThat(thread.get()).isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void aFailedCommitAllowsNoHandOverAndReachesThePassAsItWasThrown() {
    LedgerException failure = new LedgerException("disk full");
    PendingClaim claim =
        PendingClaim.start(
            writer,
            () -> {
              throw failure;
            });

    assertThat(claim.claimed()).isFalse();
    assertThatThrownBy(claim::outcome).isSameAs(failure);
  }

  @Test
  void aCrashOnTheWriterThreadCrashesThePass() {
    Error crash = new Error("killed");
    PendingClaim claim =
        PendingClaim.start(
            writer,
            () -> {
              throw crash;
            });

    assertThat(claim.claimed()).isFalse();
    assertThatThrownBy(claim::outcome).isSameAs(crash);
  }

  @Test
  void aCheckedFailureBecomesALedgerException() {
    PendingClaim claim =
        PendingClaim.start(
            writer,
            () -> {
              throw new java.sql.SQLException("connection reset");
            });

    assertThatThrownBy(claim::outcome)
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("connection reset");
  }

  @Test
  void aWriterThatTakesNoMoreWorkLeavesTheCommitToTheCaller() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    PendingClaim claim =
        PendingClaim.start(
            task -> {
              throw new RejectedExecutionException("shut down");
            },
            () -> {
              ranOn.set(Thread.currentThread());
              return Claim.CLAIMED;
            });

    assertThat(claim.claimed()).isTrue();
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void anInterruptDoesNotCutTheWaitShortAndIsKept() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PendingClaim claim =
        PendingClaim.start(
            writer,
            () -> {
              started.countDown();
              release.await();
              return Claim.CLAIMED;
            });
    AtomicReference<Claim> outcome = new AtomicReference<>();
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread pass =
        new Thread(
            () -> {
              outcome.set(claim.outcome());
              interruptKept.set(Thread.currentThread().isInterrupted());
            });
    started.await();
    pass.start();
    pass.interrupt();
    release.countDown();
    pass.join();

    assertThat(outcome.get()).isEqualTo(Claim.CLAIMED);
    assertThat(interruptKept).isTrue();
  }
}
