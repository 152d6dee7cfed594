package io.afterhours.daemon;

import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.Redirect;
import io.afterhours.reply.OutgoingReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a mailbox's sent replies to its Sent folder while the pass goes on with the next reply: an
 * IMAP APPEND costs about as much as an SMTP hand-over, and doing both in turn would double the
 * time per reply. The copies that wait while one is being made go together in the next command
 * (MULTIAPPEND where the server has it: a server such as Dovecot takes 50 messages in one APPEND
 * for about the price of five single ones). A reply is handed over only once it is recorded as
 * sent, so the order per reply stays pending → SMTP → sent → copy; a copy that fails, or that a
 * crash prevents, leaves the reply sent and recorded, and only the copy missing (DESIGN §6).
 */
final class SentCopies {
  private static final Logger LOG = LoggerFactory.getLogger(SentCopies.class);

  /** The most copies sent in one command: about a megabyte of replies. */
  static final int BATCH = 100;

  /**
   * Copies gathered before a command is started, unless the first has waited {@link #GATHER_FOR}.
   * Dovecot takes 50 messages in one command for about the price of five single ones, so a
   * backlog's copies go a full {@link #BATCH} at a time: fewer commands, each a transaction of the
   * server's. (Backlogs of 10,000 on the benchmarks' shared machine varied by more than the gain.)
   */
  static final int GATHER = BATCH;

  /**
   * The longest a copy waits for others to go with it, while the pass goes on replying; the end of
   * the pass sends what waits at once.
   */
  static final Duration GATHER_FOR = Duration.ofSeconds(1);

  private final String mailbox;
  private final MessageSource source;
  private final Executor executor;
  private final int gather;
  private final long gatherForNanos;
  private final LongSupplier nanoTime;
  private final List<OutgoingReply> replies = new ArrayList<>();
  private final List<Redirect> redirects = new ArrayList<>();
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  /** When the oldest copy not yet handed to the executor was added. */
  private long oldestWaiting;

  /**
   * How many of the first {@link #replies} (and {@link #redirects}) were handed over by {@link
   * #flush}: only those go in the next command. The rest are still gathering and stay for their own
   * flush, or a command under way would take them along a few at a time as they came.
   */
  private int readyReplies;

  private int readyRedirects;

  SentCopies(String mailbox, MessageSource source, Executor executor) {
    this(mailbox, source, executor, GATHER, GATHER_FOR, System::nanoTime);
  }

  /**
   * @param gather how many copies wait for each other before a command starts (1: none wait)
   * @param gatherFor the longest the first of them waits, judged when the next one comes
   */
  SentCopies(
      String mailbox,
      MessageSource source,
      Executor executor,
      int gather,
      Duration gatherFor,
      LongSupplier nanoTime) {
    this.mailbox = mailbox;
    this.source = source;
    this.executor = executor;
    this.gather = gather;
    this.gatherForNanos = gatherFor.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Copies {@code reply} after the copies handed over before it. */
  synchronized void add(OutgoingReply reply) {
    replies.add(reply);
    waited();
  }

  /** Copies a message redirected to a stand-in after the copies handed over before it. */
  synchronized void add(Redirect redirect) {
    redirects.add(redirect);
    waited();
  }

  /**
   * A copy was added. On Dovecot an APPEND of one message costs the server about as much as one of
   * ten (a transaction written each), and replies in a burst come faster than single APPENDs go:
   * copies wait for {@link #GATHER} others, or until the first has waited {@link #GATHER_FOR}, or
   * the pass ends ({@link #drain}), and go in one command.
   */
  private void waited() {
    long now = nanoTime.getAsLong();
    int gathering = gathering();
    if (gathering == 1) {
      oldestWaiting = now;
    }
    if (gathering >= gather || now - oldestWaiting >= gatherForNanos) {
      flush();
    }
  }

  /** The copies added since the last {@link #flush}. */
  private int gathering() {
    return replies.size() - readyReplies + redirects.size() - readyRedirects;
  }

  /** Starts copying whatever waits, after the copies handed over before. */
  synchronized void flush() {
    if (gathering() > 0) {
      readyReplies = replies.size();
      readyRedirects = redirects.size();
      tail = tail.thenRunAsync(this::copyHandedOver, executor);
    }
  }

  /**
   * Copies whatever waits and waits until every copy handed over so far is made (or failed). A
   * failed copy is logged where it fails; an {@link Error} there (a crash) is thrown here.
   */
  void drain() {
    CompletableFuture<Void> last;
    synchronized (this) {
      flush();
      last = tail;
    }
    try {
      last.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * Copies what was handed over, {@link #BATCH} at a time. A later task finds nothing left when an
   * earlier one took its copies along (handed over while the earlier one waited to run).
   */
  private void copyHandedOver() {
    while (true) {
      List<OutgoingReply> someReplies;
      List<Redirect> someRedirects;
      synchronized (this) {
        if (readyReplies == 0 && readyRedirects == 0) {
          return;
        }
        someReplies = take(replies, Math.min(BATCH, readyReplies));
        readyReplies -= someReplies.size();
        someRedirects = take(redirects, Math.min(BATCH - someReplies.size(), readyRedirects));
        readyRedirects -= someRedirects.size();
      }
      copy(someReplies, someRedirects);
    }
  }

  private static <T> List<T> take(List<T> waiting, int count) {
    List<T> taken = new ArrayList<>(waiting.subList(0, count));
    waiting.subList(0, count).clear();
    return taken;
  }

  /**
   * One command for the lot; should it fail, each copy on its own, so that one message the server
   * will not take does not cost the others their copies.
   */
  private void copy(List<OutgoingReply> someReplies, List<Redirect> someRedirects) {
    if (someReplies.size() + someRedirects.size() == 1) {
      copyOrWarn(someReplies, someRedirects);
      return;
    }
    try {
      source.copyAllToSent(someReplies, someRedirects);
    } catch (MailServerException | RuntimeException e) {
      LOG.debug("mailbox={} copying {} messages to Sent at once failed; one by one", mailbox, e);
      someReplies.forEach(r -> copyOrWarn(List.of(r), List.of()));
      someRedirects.forEach(r -> copyOrWarn(List.of(), List.of(r)));
    }
  }

  private void copyOrWarn(List<OutgoingReply> oneReply, List<Redirect> oneRedirect) {
    try {
      source.copyAllToSent(oneReply, oneRedirect);
    } catch (MailServerException | RuntimeException e) {
      // The message is out and recorded as sent; a missing copy must not make us send it again.
      String id =
          oneReply.isEmpty() ? oneRedirect.get(0).resentMessageId() : oneReply.get(0).messageId();
      LOG.warn(
          "mailbox={} {} was sent but could not be copied to Sent: {}",
          mailbox,
          id,
          e.getMessage());
    }
  }
}
