package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Passes run at once when a thread is free, never two at a time per mailbox, and none is lost. */
class PassRunnerTest {
  @Test
  void newMailAnnouncedDuringAPassRunsAnotherPassTheMomentItEnds() throws Exception {
    CountDownLatch inFirstPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> passes = new CopyOnWriteArrayList<>();
    try (PassRunner runner =
        new PassRunner(
            2,
            mailbox -> {
              passes.add(mailbox);
              if (passes.size() == 1) {
                inFirstPass.countDown();
                waitFor(release);
              }
            })) {
      runner.request("work");
      inFirstPass.await();

      runner.request("work"); // IDLE: new mail while the pass runs
      runner.request("work"); // and more: one more pass covers both
      release.countDown();

      await().atMost(Duration.ofSeconds(10)).until(() -> passes.size() == 2);
      await().during(Duration.ofMillis(300)).until(() -> passes.size() == 2);
    }
  }

  @Test
  void onePassPerMailboxAtATimeAndEveryRequestedMailboxIsPassedOverOnFewThreads() {
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    try (PassRunner runner =
        new PassRunner(
            4,
            mailbox -> {
              if (running.computeIfAbsent(mailbox, m -> new AtomicInteger()).incrementAndGet()
                  > 1) {
                overlaps.incrementAndGet();
              }
              Thread.onSpinWait();
              running.get(mailbox).decrementAndGet();
              done.computeIfAbsent(mailbox, m -> new AtomicInteger()).incrementAndGet();
            })) {
      List<String> mailboxes = IntStream.range(0, 1000).mapToObj(i -> "m" + i).toList();
      for (int round = 0; round < 3; round++) {
        mailboxes.forEach(runner::request);
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> done.size() == 1000);
    }
    assertThat(overlaps).hasValue(0);
    assertThat(done.values()).allMatch(n -> n.get() >= 1 && n.get() <= 3);
  }

  @Test
  void theFirstPassesOfAStartAreAskedForTogetherWithoutWarningThatTheSweepsFallBehind() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(PassRunner.class);
    logger.addAppender(log);
    Set<String> done = ConcurrentHashMap.newKeySet();
    List<String> mailboxes = IntStream.range(0, 300).mapToObj(i -> "m" + i).toList();
    try (PassRunner runner = new PassRunner(2, done::add)) {
      runner.requestAll(mailboxes);

      await().atMost(Duration.ofSeconds(30)).until(() -> done.size() == 300);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> messages(log).contains("every mailbox pass that was waiting has run"));
    } finally {
      logger.detachAppender(log);
    }
    assertThat(messages(log))
        .containsExactly(
            "300 mailbox passes asked for at once; they run 2 at a time",
            "every mailbox pass that was waiting has run");
  }

  private static List<String> messages(ListAppender<ILoggingEvent> log) {
    return List.copyOf(log.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void maintenanceRunsOnlyBetweenPassesAndAPassAskedForMeanwhileRunsRightAfter() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> events = new CopyOnWriteArrayList<>();
    try (PassRunner runner =
        new PassRunner(
            2,
            mailbox -> {
              events.add("pass");
              if (events.size() == 1) {
                inPass.countDown();
                waitFor(release);
              }
            })) {
      runner.request("work");
      inPass.await();
      assertThat(runner.runIfIdle("work", () -> events.add("hang up"))).isFalse();
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> runner.runIfIdle("work", () -> {}));

      assertThat(
              runner.runIfIdle(
                  "work",
                  () -> {
                    events.add("hang up");
                    runner.request("work"); // new mail while hanging up
                  }))
          .isTrue();

      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 3);
      assertThat(events).containsExactly("pass", "hang up", "pass");
    }
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
