package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.pass.FetchedMessage;
import io.afterhours.pass.FolderCursor;
import io.afterhours.pass.Lease;
import io.afterhours.pass.Leases;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.PendingReply;
import io.afterhours.pass.Redirect;
import io.afterhours.pass.ReplySender;
import io.afterhours.pass.SendResult;
import io.afterhours.reply.OutgoingReply;
import io.afterhours.responder.Responder;
import io.afterhours.responder.TemplateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once protocol of DESIGN §6, proven by breaking it (STYLE §8b): the pass runs over
 * in-memory fakes of its ports, the process "dies" at step k of a batch for every k (before and
 * after each commit, each SMTP hand-over, each copy to Sent), a new process takes the mailbox's
 * lease once the dead one's has expired, and these invariants are checked:
 *
 * <ol>
 *   <li>a crash leaves at most one reply of the mailbox in doubt (pending);
 *   <li>the cursor is never ahead of a message without a final decision;
 *   <li>after the restart every message has exactly one final decision, and the cursor is past them
 *       all;
 *   <li>per original, at most one reply arrives; two only for the one in doubt, and only when a
 *       Sent folder is kept (the copy was not there, so it was sent again);
 *   <li>no reply is lost, except the one in doubt when there is no Sent folder to look in.
 * </ol>
 */
class PassCrashModelTest {
  private static final Instant SATURDAY_NIGHT =
      OffsetDateTime.parse("2026-11-28T21:00+07:00").toInstant();
  private static final Instant NOW = SATURDAY_NIGHT.plus(Duration.ofMinutes(10));
  private static final String OWNER = "owner@studio.test";
  private static final List<String> ANSWERED = List.of("a", "b", "c", "d", "e");
  private static final String REFUSED = "refused@klien.test";

  @TempDir Path dir;
  // Pending records commit on another thread, as in the daemon: a crash there reaches the pass.
  private final ExecutorService ledgerWriter = Executors.newSingleThreadExecutor();
  private int slice = MailboxWorker.SLICE;
  private java.util.concurrent.Executor readAhead;

  @AfterEach
  void stopLedgerWriter() {
    ledgerWriter.shutdownNow();
  }

  private String standIn = "";

  @Test
  void aCrashAtAnyStepOfABatchNeitherDoublesNorLosesRepliesWithASentFolder() throws Exception {
    crashAtEveryStep(true);
  }

  @Test
  void aCrashAtAnyStepOfABatchDoublesNothingAndLosesAtMostTheReplyInDoubtWithoutSent()
      throws Exception {
    crashAtEveryStep(false);
  }

  @Test
  void aCrashAtAnyStepWhileForwardingToAStandInRedirectsEachRepliedMailOnceWithASentFolder()
      throws Exception {
    standIn = "standin@studio.test";
    crashAtEveryStep(true);
  }

  @Test
  void aCrashAtAnyStepWhileForwardingToAStandInNeverRedirectsTwiceWithoutSent() throws Exception {
    standIn = "standin@studio.test";
    crashAtEveryStep(false);
  }

  @Test
  void aCrashAtAnyStepOfABacklogReadInSlicesKeepsTheInvariants() throws Exception {
    slice = 3; // 7 messages: three slices, the cursor saved after each
    crashAtEveryStep(true);
    crashAtEveryStep(false);
  }

  @Test
  void aCrashAtAnyStepOfABacklogWhoseNextSliceIsReadAheadKeepsTheInvariants() throws Exception {
    slice = 3;
    readAhead = Runnable::run; // each next slice is read before the replies of the one before
    crashAtEveryStep(true);
    crashAtEveryStep(false);
  }

  @Test
  void aBacklogReadAheadReadsTheNextSliceBeforeTheRepliesOfTheOneBeforeGoOut() throws Exception {
    slice = 3; // 7 messages: three slices
    readAhead = Runnable::run;
    World world = new World(true);
    world.crash.armAt(Integer.MAX_VALUE);

    world.pass();

    List<String> trace = world.crash.trace();
    int secondFetch = nthIndexOf(trace, "fetch", 2);
    assertThat(secondFetch).isPositive().isLessThan(trace.indexOf("smtp:before"));
    assertThat(nthIndexOf(trace, "fetch", 3)).isPositive();
    world.checkEverythingDecided("read ahead");
    assertThat(world.repliesPerSender().values()).containsOnly(1L);
  }

  private static int nthIndexOf(List<String> trace, String step, int n) {
    for (int i = 0, seen = 0; i < trace.size(); i++) {
      if (trace.get(i).equals(step) && ++seen == n) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void twoCrashesInARowAtRandomStepsKeepTheSameInvariants() throws Exception {
    long seed = Long.getLong("afterhours.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      boolean hasSent = random.nextBoolean();
      int steps = stepsOfACleanRun(hasSent);
      World world = new World(hasSent);
      int first = 1 + random.nextInt(steps);
      Optional<PendingReply> inDoubt = world.runCrashingAt(first);
      int second = 1 + random.nextInt(steps);
      Optional<PendingReply> inDoubtAgain = world.runCrashingAt(second);
      world.restartAndFinish();
      String at = "seed " + seed + ", crashes at steps " + first + " and " + second;
      world.checkEverythingDecided(at);
      Map<String, Long> replies = world.repliesPerSender();
      long extra = 0;
      for (String sender : world.answeredSenders()) {
        long inDoubtAt = count(inDoubt, sender) + count(inDoubtAgain, sender);
        long got = replies.getOrDefault(sender, 0L);
        // Each crash may double (with Sent) or lose (without) the one reply it left in doubt.
        if (hasSent) {
          assertThat(got).as(at + ": " + sender).isBetween(1L, 1 + inDoubtAt);
        } else {
          assertThat(got).as(at + ": " + sender).isBetween(inDoubtAt > 0 ? 0L : 1L, 1L);
        }
        extra += Math.max(0, got - 1);
      }
      assertThat(extra).as(at + ": at most one double per crash").isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aReplyRefusedForNowHoldsTheCursorWhileTheOtherMailIsAnsweredAndIsSentLater()
      throws Exception {
    World world = new World(true);
    world.server.refuseForNow("a@klien.test", 1);
    MailboxWorker daemon = world.start(); // one process, pass after pass

    world.pass(daemon);

    assertThat(world.repliesPerSender())
        .doesNotContainKey("a@klien.test")
        .containsKey("b@klien.test");
    assertThat(world.cursor()).as("held before the deferred message").isZero();
    assertThat(world.ledger.decisions())
        .filteredOn(DecisionRecord::retried)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.retried()).isTrue();
              assertThat(d.reason()).contains("refused for now", "452 4.2.2");
            });

    world.pass(daemon); // before its retry is due: still waiting
    assertThat(world.repliesPerSender()).doesNotContainKey("a@klien.test");

    world.clock.advance(Retries.FIRST_WAIT);
    world.pass(daemon);

    assertThat(world.repliesPerSender()).containsEntry("a@klien.test", 1L);
    world.checkEverythingDecided("after the retry");
  }

  @Test
  void aBacklogReadInSlicesGoesOverOneSmtpConnection() throws Exception {
    slice = 3; // 7 messages: three slices
    World world = new World(true);
    List<String> calls = countingSmtpCalls(world);

    world.pass();

    // Five replies and the refused one, then one hang-up: not one after each slice.
    assertThat(calls).containsExactly("send", "send", "send", "send", "send", "send", "close");
    world.checkEverythingDecided("one connection");
  }

  @Test
  void aLingeringWorkerKeepsItsSmtpConnectionFromOnePassToTheNextUntilItIsClosed()
      throws Exception {
    World world = new World(true);
    List<String> calls = countingSmtpCalls(world);
    MailboxWorker worker = world.start().lingering();

    world.pass(worker);
    world.server.deliver("late@klien.test", OWNER, "<late@klien.test>", SATURDAY_NIGHT);
    world.pass(worker);

    assertThat(calls)
        .as("six replies in the first pass, one in the second, and no hang-up between")
        .containsExactly("send", "send", "send", "send", "send", "send", "send");
    worker.close();
    assertThat(calls).endsWith("send", "close");
    assertThat(world.repliesPerSender()).containsEntry("late@klien.test", 1L);
  }

  /** Counts what the passes ask of SMTP: each send, redirect and hang-up. */
  private static List<String> countingSmtpCalls(World world) {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    world.smtpAround =
        smtp ->
            new ReplySender() {
              @Override
              public SendResult send(OutgoingReply reply) {
                calls.add("send");
                return smtp.send(reply);
              }

              @Override
              public SendResult redirect(Redirect redirect) {
                calls.add("redirect");
                return smtp.redirect(redirect);
              }

              @Override
              public void close() {
                calls.add("close");
                smtp.close();
              }
            };
    return calls;
  }

  @Test
  void aServerThatFailsBetweenSlicesStillGetsTheCopiesOfTheRepliesSentBefore() throws Exception {
    slice = 3; // 7 messages: three slices
    World world = new World(true);
    world.server.failFetch(2); // the second slice's

    assertThatThrownBy(world::pass).isInstanceOf(MailServerException.class);

    assertThat(world.repliesPerSender())
        .containsOnlyKeys("a@klien.test", "b@klien.test", "c@klien.test");
    assertThat(world.server.sentMessageIds())
        .as("the first slice's replies, copied although the pass failed after it")
        .hasSize(3);
  }

  @Test
  void aPassForgetsItsOwnMailboxsRecordsOlderThanTheRetentionAtMostOnceAnHour() throws Exception {
    World world = new World(true);
    MailboxWorker worker = world.start();

    for (Instant at : List.of(NOW, NOW.plus(Duration.ofMinutes(30)), NOW.plusSeconds(61 * 60))) {
      Lease lease = world.lease();
      worker.pass(Optional.of(lease), Optional.of(at));
      world.leases.release(lease);
    }

    assertThat(world.ledger.forgotten())
        .as("the baseline's pass, then this worker's first and its pass an hour later")
        .containsExactly(
            "work before " + NOW.minus(Duration.ofDays(90)),
            "work before " + NOW.minus(Duration.ofDays(90)),
            "work before " + NOW.plus(Duration.ofMinutes(61)).minus(Duration.ofDays(90)));
  }

  @Test
  void aPassStopsAtOnceWhenItsLeaseIsLostAndRecordsNoPendingReply() throws Exception {
    World world = new World(true);
    Lease lease = world.lease();
    world.leases.advance(InMemoryLeases.TTL.plusSeconds(1)); // expired: another may take it
    Lease other = ((Leases.Acquired) world.leases.acquire("work")).lease();

    world.start().pass(Optional.of(lease), Optional.of(NOW));

    assertThat(lease.held()).isFalse();
    assertThat(world.server.delivered()).isEmpty();
    assertThat(world.ledger.pendingReplies("work")).isEmpty();
    assertThat(other.held()).isTrue();
  }

  @Test
  void theModelReallyCrashes() throws Exception {
    World world = new World(true);
    world.crash.armAt(1);
    assertThatThrownBy(() -> world.start().pass(Optional.of(world.lease()), Optional.of(NOW)))
        .isInstanceOf(CrashSwitch.Crash.class);
  }

  private void crashAtEveryStep(boolean hasSent) throws Exception {
    int steps = stepsOfACleanRun(hasSent);
    assertThat(steps).as("a batch of 7 messages takes many steps").isGreaterThan(20);
    for (int k = 1; k <= steps; k++) {
      World world = new World(hasSent);
      Optional<PendingReply> inDoubt = world.runCrashingAt(k);
      String at = "crash at step " + k + " (" + world.lastTrace.get(k - 1) + ")";
      boolean deliveredBeforeCrash =
          inDoubt.isPresent() && world.deliveredTo(inDoubt.get().recipient()) == 1;

      world.restartAndFinish();

      world.checkEverythingDecided(at);
      Map<String, Long> replies = world.repliesPerSender();
      for (String sender : world.answeredSenders()) {
        boolean isInDoubt = inDoubt.map(p -> p.recipient().equals(sender)).orElse(false);
        long expected;
        if (!isInDoubt) {
          expected = 1;
        } else if (hasSent) {
          expected = deliveredBeforeCrash ? 2 : 1; // not in Sent: sent again
        } else {
          expected = deliveredBeforeCrash ? 1 : 0; // taken as sent: lost if it never left
        }
        assertThat(replies.getOrDefault(sender, 0L))
            .as(at + ": replies to " + sender)
            .isEqualTo(expected);
      }
      assertThat(replies).as(at).doesNotContainKey(REFUSED);
      if (!standIn.isEmpty()) {
        checkForwards(world, inDoubt, hasSent, at);
      }
    }
  }

  /**
   * Each replied mail reaches the stand-in once; twice only if its forward was the one in doubt and
   * a Sent folder is kept, never if not; mail that got no reply never.
   */
  private void checkForwards(
      World world, Optional<PendingReply> inDoubt, boolean hasSent, String at) {
    Map<Long, Long> forwards = world.forwardsPerUid();
    for (int i = 0; i < ANSWERED.size(); i++) {
      long uid = i + 1;
      boolean forwardInDoubt =
          inDoubt.filter(p -> p.kind() == PendingReply.Kind.FORWARD && p.uid() == uid).isPresent();
      long got = forwards.getOrDefault(uid, 0L);
      if (!forwardInDoubt) {
        assertThat(got).as(at + ": forwards of uid " + uid).isEqualTo(1);
      } else if (hasSent) {
        assertThat(got).as(at + ": forwards of uid " + uid).isBetween(1L, 2L);
      } else {
        assertThat(got).as(at + ": forwards of uid " + uid).isBetween(0L, 1L);
      }
    }
    assertThat(forwards).as(at + ": the list mail").doesNotContainKey(6L);
    // The refused reply has no forward, unless it was the reply in doubt without a Sent folder:
    // taken as sent, its forward follows.
    boolean refusedTakenAsSent =
        !hasSent
            && inDoubt.filter(p -> p.uid() == 7 && p.kind() == PendingReply.Kind.REPLY).isPresent();
    assertThat(forwards.getOrDefault(7L, 0L))
        .as(at + ": forwards of the refused reply")
        .isEqualTo(refusedTakenAsSent ? 1L : 0L);
    assertThat(world.ledger.plannedForwards("work")).as(at + ": nothing left planned").isEmpty();
  }

  private int stepsOfACleanRun(boolean hasSent) throws Exception {
    World world = new World(hasSent);
    world.crash.armAt(Integer.MAX_VALUE);
    world.pass();
    world.checkEverythingDecided("a clean run");
    assertThat(world.repliesPerSender().values()).containsOnly(1L);
    return world.crash.trace().size();
  }

  private static long count(Optional<PendingReply> inDoubt, String sender) {
    return inDoubt.filter(p -> p.recipient().equals(sender)).isPresent() ? 1 : 0;
  }

  /** A mailbox, its servers and its store; afterhours processes come and go over it. */
  private final class World {
    final CrashSwitch crash = new CrashSwitch();
    final InMemoryLeases leases = new InMemoryLeases();
    final InMemoryLedger ledger = new InMemoryLedger(crash, leases);
    final FakeMailServer server;
    final TestClock clock = new TestClock(NOW);
    final MailboxSettings mailbox;
    final AtomicInteger replyIds = new AtomicInteger();
    UnaryOperator<ReplySender> smtpAround = smtp -> smtp;
    List<String> lastTrace = List.of();
    private final List<String> answered = new ArrayList<>();

    final boolean hasSent;

    World(boolean hasSent) throws Exception {
      this.hasSent = hasSent;
      this.server = new FakeMailServer(crash, hasSent);
      this.mailbox = settings(hasSent).mailboxes().get(0);
      pass(); // the first pass takes the baseline
      for (String name : ANSWERED) {
        String sender = name + "@klien.test";
        answered.add(sender);
        server.deliver(sender, OWNER, "<" + name + "@klien.test>", SATURDAY_NIGHT);
      }
      server.deliver(
          "list@klien.test", OWNER, "<list@klien.test>", SATURDAY_NIGHT, "List-Id: <dev.klien>");
      server.refuseForGood(REFUSED);
      server.deliver(REFUSED, OWNER, "<refused@klien.test>", SATURDAY_NIGHT);
    }

    List<String> answeredSenders() {
      return answered;
    }

    MailboxWorker start() throws Exception {
      Responder responder =
          new Responder(
              mailbox.identity(),
              mailbox.office(),
              TemplateFiles.load(mailbox.office()),
              ledger,
              (domain, at) ->
                  "<afterhours.reply" + replyIds.incrementAndGet() + "@" + domain + ">");
      return new MailboxWorker(
              mailbox,
              responder,
              ledger,
              server.imap(),
              smtpAround.apply(server.smtp()),
              clock,
              Duration.ofDays(90),
              false,
              new Metrics(),
              Runnable::run,
              ledgerWriter)
          .slicing(slice)
          .prefetching(readAhead);
    }

    Lease lease() {
      Leases.Outcome outcome = leases.acquire("work");
      assertThat(outcome).isInstanceOf(Leases.Acquired.class);
      return ((Leases.Acquired) outcome).lease();
    }

    /** One process: takes the lease, passes, gives the lease back. */
    void pass() throws Exception {
      pass(start());
    }

    /** One more pass of a running process, under its lease. */
    void pass(MailboxWorker worker) throws Exception {
      Lease lease = lease();
      worker.pass(Optional.of(lease), Optional.of(NOW));
      leases.release(lease);
    }

    /**
     * One process that dies at step {@code k} without giving its lease back; checks what it left.
     *
     * @return the reply it left in doubt, if any
     */
    Optional<PendingReply> runCrashingAt(int k) throws Exception {
      Lease lease = lease();
      crash.armAt(k);
      try {
        start().pass(Optional.of(lease), Optional.of(NOW));
      } catch (CrashSwitch.Crash expected) {
        // the process is gone
      } finally {
        crash.disarm();
        lastTrace = crash.trace();
      }
      List<PendingReply> pending = ledger.pendingReplies("work");
      assertThat(pending)
          .as("replies in doubt after a crash at step " + k)
          .hasSizeLessThanOrEqualTo(1);
      long firstUndecided =
          server.inbox().stream()
              .mapToLong(FetchedMessage::uid)
              .filter(uid -> !ledger.decidedAfter("work", "INBOX", 0).containsKey(uid))
              .min()
              .orElse(Long.MAX_VALUE);
      assertThat(cursor())
          .as("the cursor after a crash at step " + k + " never passes an undecided message")
          .isLessThan(firstUndecided);
      // The dead process stops renewing: its lease expires.
      leases.advance(InMemoryLeases.TTL.plusSeconds(1));
      return pending.stream().findFirst();
    }

    void restartAndFinish() throws Exception {
      pass();
      pass();
    }

    Map<Long, Long> forwardsPerUid() {
      return server.redirected().stream()
          .map(r -> new String(r.original(), java.nio.charset.StandardCharsets.US_ASCII))
          .map(text -> Long.parseLong(text.replaceAll("(?s)^Message-ID: <uid-(\\d+)>.*$", "$1")))
          .collect(Collectors.groupingBy(uid -> uid, Collectors.counting()));
    }

    long cursor() {
      return ledger.cursor("work", "INBOX").map(FolderCursor::lastUid).orElse(0L);
    }

    long deliveredTo(String address) {
      return server.delivered().stream().filter(r -> r.to().address().equals(address)).count();
    }

    Map<String, Long> repliesPerSender() {
      return server.delivered().stream()
          .map(OutgoingReply::to)
          .collect(Collectors.groupingBy(a -> a.address(), Collectors.counting()));
    }

    void checkEverythingDecided(String at) {
      List<FetchedMessage> inbox = server.inbox();
      assertThat(ledger.pendingReplies("work")).as(at + ": nothing left pending").isEmpty();
      assertThat(cursor()).as(at + ": the cursor passed every message").isEqualTo(inbox.size());
      Map<Long, Long> finalDecisions =
          ledger.decisions().stream()
              .filter(d -> !d.retried())
              .collect(Collectors.groupingBy(DecisionRecord::uid, Collectors.counting()));
      for (FetchedMessage message : inbox) {
        assertThat(finalDecisions.get(message.uid()))
            .as(at + ": final decisions about uid " + message.uid())
            .isEqualTo(1L);
      }
      // Its reply is refused for good; unless it was the one in doubt without a Sent folder,
      // which is taken as sent since nothing says otherwise.
      assertThat(ledger.decisions())
          .filteredOn(d -> d.messageId().equals("<refused@klien.test>") && !d.retried())
          .singleElement()
          .satisfies(
              d ->
                  assertThat(d.decision())
                      .isIn(Outcome.FAILED, hasSent ? Outcome.FAILED : Outcome.REPLY));
    }

    private Settings settings(boolean hasSent) throws Exception {
      Path file = dir.resolve("afterhours-" + hasSent + "-" + System.nanoTime() + ".conf");
      Files.writeString(
          file,
          """
          afterhours {
            zone = "Asia/Jakarta"
            language = "en"
            templates = "%s"
            hours {
              monday = ["08:00-16:00"], tuesday = ["08:00-16:00"], wednesday = ["08:00-16:00"]
              thursday = ["08:00-16:00"], friday = ["08:00-16:00"], saturday = [], sunday = []
            }
            mailboxes = [ {
              name = "work", address = "%s", folders = ["INBOX"], save-to-sent = %s
              imap { host = "127.0.0.1", port = 143, security = none, user = "o", password = "p" }
              smtp { host = "127.0.0.1", port = 25, security = none }
            } ]
            store { url = "jdbc:h2:mem:unused" }
            %s
          }
          """
              .formatted(
                  ResponderHarness.hocon(ResponderHarness.templates().toString()),
                  OWNER,
                  hasSent,
                  standIn.isEmpty()
                      ? ""
                      : "away = [ { from = \"2026-11-28\", until = \"2026-11-29\","
                          + " forward-to = \""
                          + standIn
                          + "\" } ]"));
      return new SettingsLoader(Clock.fixed(NOW, ZoneOffset.UTC)).load(file);
    }
  }
}
