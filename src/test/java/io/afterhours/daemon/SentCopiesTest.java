package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.policy.MailAddress;
import io.afterhours.reply.OutgoingReply;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Copies to Sent go together while one is being made, and one bad copy costs only itself. */
class SentCopiesTest {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  /** Every command the server was sent, with the Message-IDs in it, and whether it took it. */
  private final List<String> commands = Collections.synchronizedList(new ArrayList<>());

  private final List<String> kept = Collections.synchronizedList(new ArrayList<>());

  private final CountDownLatch firstStarted = new CountDownLatch(1);

  @AfterEach
  void stop() throws Exception {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private static OutgoingReply reply(int i) {
    return new OutgoingReply(
        "work",
        new MailAddress("me@example.com", "Me"),
        new MailAddress("c" + i + "@example.org", "C"),
        "Auto: hello",
        "text",
        Optional.empty(),
        "<r" + i + "@example.com>",
        "<o" + i + "@example.org>",
        List.of(),
        Instant.parse("2026-11-30T14:20:00Z"),
        "after-hours",
        "en");
  }

  /**
   * A mail server that takes a batch of copies unless one of them is {@code refused}, and holds its
   * first command until {@code firstMayEnd} opens.
   */
  private MessageSource server(CountDownLatch firstMayEnd, Predicate<String> refused) {
    return (MessageSource)
        Proxy.newProxyInstance(
            MessageSource.class.getClassLoader(),
            new Class<?>[] {MessageSource.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("copyAllToSent")) {
                throw new UnsupportedOperationException(method.getName());
              }
              @SuppressWarnings("unchecked")
              List<String> ids =
                  ((List<OutgoingReply>) args[0]).stream().map(OutgoingReply::messageId).toList();
              boolean first = commands.isEmpty();
              boolean takes = ids.stream().noneMatch(refused);
              commands.add(String.join(",", ids) + (takes ? "" : " refused"));
              if (first) {
                firstStarted.countDown();
                firstMayEnd.await(5, TimeUnit.SECONDS);
              }
              if (!takes) {
                throw new InvocationTargetException(new MailServerException("NO too big"));
              }
              kept.addAll(ids);
              return true;
            });
  }

  private static String ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add("<r" + i + "@example.com>");
    }
    return String.join(",", ids);
  }

  private void awaitFirstCommand() {
    try {
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Adds copy 1, waits until the server is making it, adds copies 2 to {@code last}, lets the first
   * command end and waits for every copy.
   */
  private void addWhileTheFirstIsBeingCopied(
      SentCopies copies, CountDownLatch firstMayEnd, int last) {
    copies.add(reply(1));
    awaitFirstCommand();
    for (int i = 2; i <= last; i++) {
      copies.add(reply(i));
    }
    firstMayEnd.countDown();
    copies.drain();
  }

  /** Copies that start a command as soon as they come, as they would with a slow SMTP server. */
  private SentCopies oneAtOnce(MessageSource source) {
    return new SentCopies("work", source, executor, 1, Duration.ZERO, System::nanoTime);
  }

  @Test
  void copiesWaitForEachOtherUntilEnoughHaveComeOrTheFirstHasWaitedLongEnoughOrThePassEnds() {
    AtomicLong now = new AtomicLong();
    SentCopies copies =
        new SentCopies(
            "work",
            server(new CountDownLatch(0), id -> false),
            Runnable::run, // each command made at once, in this thread
            3,
            Duration.ofMillis(200),
            now::get);

    copies.add(reply(1));
    copies.add(reply(2));
    copies.add(reply(3)); // three have come: one command
    copies.add(reply(4));
    now.addAndGet(Duration.ofMillis(199).toNanos());
    copies.add(reply(5));
    now.addAndGet(Duration.ofMillis(1).toNanos());
    copies.add(reply(6)); // the fourth has waited 200 ms: one command
    copies.add(reply(7));
    copies.drain(); // the pass ends: the seventh goes alone

    assertThat(commands).containsExactly(ids(1, 3), ids(4, 6), ids(7, 7));
    assertThat(kept).hasSize(7);
  }

  @Test
  void copiesHandedOverWhileOneIsBeingMadeGoTogetherInTheNextCommand() {
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    SentCopies copies = oneAtOnce(server(firstMayEnd, id -> false));

    addWhileTheFirstIsBeingCopied(copies, firstMayEnd, 4);

    assertThat(commands).containsExactly(ids(1, 1), ids(2, 4));
    assertThat(kept).containsExactly(ids(1, 4).split(","));
  }

  @Test
  void copiesStillGatheringAreNotTakenAlongByTheCommandUnderWay() throws Exception {
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    SentCopies copies =
        new SentCopies(
            "work",
            server(firstMayEnd, id -> false),
            executor,
            3,
            Duration.ofHours(1),
            System::nanoTime);

    copies.add(reply(1));
    copies.add(reply(2));
    copies.add(reply(3)); // three have come: one command, held by the server
    awaitFirstCommand();
    copies.add(reply(4));
    copies.add(reply(5)); // two gathering: not enough for a command of their own
    firstMayEnd.countDown();
    executor.submit(() -> {}).get(5, TimeUnit.SECONDS); // the first command has ended

    assertThat(commands).containsExactly(ids(1, 3));
    copies.add(reply(6));
    copies.drain();
    assertThat(commands).containsExactly(ids(1, 3), ids(4, 6));
  }

  @Test
  void noCommandCarriesMoreThanABatch() {
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    SentCopies copies = oneAtOnce(server(firstMayEnd, id -> false));

    addWhileTheFirstIsBeingCopied(copies, firstMayEnd, 2 * SentCopies.BATCH + 50);

    assertThat(commands)
        .containsExactly(
            ids(1, 1),
            ids(2, SentCopies.BATCH + 1),
            ids(SentCopies.BATCH + 2, 2 * SentCopies.BATCH + 1),
            ids(2 * SentCopies.BATCH + 2, 2 * SentCopies.BATCH + 50));
    assertThat(kept).hasSize(2 * SentCopies.BATCH + 50).doesNotHaveDuplicates();
  }

  @Test
  void aBatchTheServerRefusesIsCopiedOneByOneSoABadCopyCostsOnlyItself() {
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    SentCopies copies = oneAtOnce(server(firstMayEnd, id -> id.equals("<r3@example.com>")));

    addWhileTheFirstIsBeingCopied(copies, firstMayEnd, 4);

    assertThat(commands)
        .containsExactly(
            ids(1, 1), ids(2, 4) + " refused", ids(2, 2), ids(3, 3) + " refused", ids(4, 4));
    assertThat(kept).containsExactly("<r1@example.com>", "<r2@example.com>", "<r4@example.com>");
  }
}
