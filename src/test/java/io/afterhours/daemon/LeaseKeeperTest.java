package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.Lease;
import io.afterhours.pass.LeaseHolder;
import io.afterhours.pass.Leases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;

/**
 * How a daemon keeps its mailboxes' leases: all of them alone, a fair share in a cluster, given
 * back only between passes, and a lost one noticed.
 */
class LeaseKeeperTest {
  private static final List<String> MAILBOXES = List.of("a", "b", "c", "d");
  private final InMemoryLeases leases = new InMemoryLeases();
  private final List<String> events = new ArrayList<>();

  private LeaseKeeper keeper(boolean cluster) {
    LeaseKeeper keeper = new LeaseKeeper(leases, false);
    keeper.keep(
        MAILBOXES,
        cluster,
        new LeaseKeeper.Listener() {
          @Override
          public void acquired(String mailbox) {
            events.add("+" + mailbox);
          }

          @Override
          public void lost(String mailbox) {
            events.add("-" + mailbox);
          }
        });
    return keeper;
  }

  private static long held(LeaseKeeper keeper) {
    return MAILBOXES.stream().filter(m -> keeper.lease(m).isPresent()).count();
  }

  @Test
  void aloneItTakesEveryMailbox() {
    try (LeaseKeeper keeper = keeper(false)) {
      keeper.round();

      assertThat(held(keeper)).isEqualTo(4);
      assertThat(events).containsExactly("+a", "+b", "+c", "+d");
    }
  }

  @Test
  void takingEveryLeaseAtStartNamesTheFirstMailboxALiveProcessHoldsAndKeepsTheRest()
      throws InterruptedException {
    Lease other = ((Leases.Acquired) leases.acquire("c")).lease();
    try (LeaseKeeper keeper = new LeaseKeeper(leases, false)) {
      Optional<java.util.Map.Entry<String, Leases.Held>> held =
          keeper.awaitAll(MAILBOXES, Duration.ZERO);

      assertThat(held).isPresent();
      assertThat(held.get().getKey()).isEqualTo("c");
      assertThat(held.get().getValue().holder().owner()).isEqualTo(other.owner());
      assertThat(held(keeper)).as("a, b and d are taken, c is not").isEqualTo(3);
      assertThat(keeper.lease("c")).isEmpty();
    }
    try (LeaseKeeper alone = new LeaseKeeper(new InMemoryLeases(), false)) {
      assertThat(alone.awaitAll(MAILBOXES, Duration.ZERO)).isEmpty();
      assertThat(held(alone)).isEqualTo(4);
    }
  }

  @Test
  void twoNodesOfAClusterTakeHalfTheMailboxesEach() {
    try (LeaseKeeper one = keeper(true);
        LeaseKeeper two = keeper(true)) {
      for (int round = 0; round < 4; round++) {
        one.round();
        two.round();
      }

      assertThat(held(one)).isEqualTo(2);
      assertThat(held(two)).isEqualTo(2);
    }
  }

  @Test
  void aNodeAboveItsShareGivesAMailboxBackOnlyBetweenPasses() throws Exception {
    try (LeaseKeeper one = keeper(true)) {
      one.round();
      assertThat(held(one)).isEqualTo(4);
      // Passes run on the scheduler's threads: here, one that holds every pass lock for a while.
      CountDownLatch passing = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      Thread passes =
          new Thread(
              () -> {
                List<Lock> locks = MAILBOXES.stream().map(one::passLock).toList();
                locks.forEach(Lock::lock);
                passing.countDown();
                try {
                  done.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                locks.forEach(Lock::unlock);
              });
      passes.start();
      passing.await();
      try (LeaseKeeper two = keeper(true)) {
        one.round();
        assertThat(held(one)).as("every mailbox mid-pass: nothing given back").isEqualTo(4);

        done.countDown();
        passes.join();
        for (int round = 0; round < 4; round++) {
          one.round();
          two.round();
        }

        assertThat(held(one)).isEqualTo(2);
        assertThat(held(two)).isEqualTo(2);
      }
    }
  }

  @Test
  void aLeaseTakenOverByAnotherProcessIsNoticedAndItsPassStops() {
    try (LeaseKeeper keeper = keeper(false)) {
      keeper.round();
      Lease lease = keeper.lease("a").orElseThrow();
      leases.advance(InMemoryLeases.TTL.plus(Duration.ofSeconds(1))); // this process stalled
      Leases.Outcome other = leases.acquire("a");
      assertThat(other).isInstanceOf(Leases.Acquired.class);

      keeper.round();

      assertThat(lease.held()).isFalse();
      assertThat(keeper.lease("a")).isEmpty();
      assertThat(events).contains("-a");
    }
  }

  @Test
  void aLeaseIsGivenBackWhenTheKeeperCloses() {
    LeaseKeeper keeper = keeper(false);
    keeper.round();

    keeper.close();

    assertThat(leases.holder("a")).isEmpty();
    assertThat(leases.acquire("a")).isInstanceOf(Leases.Acquired.class);
  }

  @Test
  void closingWaitsForARenewalInProgressInsteadOfInterruptingIt() throws Exception {
    CountDownLatch renewing = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Leases slow =
        new Leases() {
          @Override
          public Outcome acquire(String mailbox) {
            return leases.acquire(mailbox);
          }

          @Override
          public boolean renew(Lease lease) {
            return leases.renew(lease);
          }

          /** Stands for a commit in progress; an interrupt here would close an H2 database. */
          @Override
          public Set<String> renewAll(List<Lease> some) {
            renewing.countDown();
            try {
              new CountDownLatch(1).await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              interrupted.set(true);
            }
            return Leases.super.renewAll(some);
          }

          @Override
          public void release(Lease lease) {
            leases.release(lease);
          }

          @Override
          public Optional<LeaseHolder> holder(String mailbox) {
            return leases.holder(mailbox);
          }

          @Override
          public int countHeld(String prefix) {
            return leases.countHeld(prefix);
          }
        };
    LeaseKeeper keeper = new LeaseKeeper(slow);
    LeaseKeeper.Listener quiet =
        new LeaseKeeper.Listener() {
          @Override
          public void acquired(String mailbox) {}

          @Override
          public void lost(String mailbox) {}
        };
    keeper.keep(MAILBOXES, false, quiet);
    keeper.keep(MAILBOXES, false, quiet); // a second round: it renews
    assertThat(renewing.await(10, TimeUnit.SECONDS)).isTrue();

    keeper.close();

    assertThat(interrupted).as("the renewal was interrupted").isFalse();
    assertThat(leases.holder("a")).as("and every lease was given back").isEmpty();
  }
}
