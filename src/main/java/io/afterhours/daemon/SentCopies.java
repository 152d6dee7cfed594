package io.afterhours.daemon;

import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.Redirect;
import io.afterhours.reply.OutgoingReply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a mailbox's sent replies to its Sent folder, one after the other, while the pass goes on
 * with the next reply: an IMAP APPEND costs about as much as an SMTP hand-over, and doing both in
 * turn would double the time per reply. A reply is handed over only once it is recorded as sent, so
 * the order per reply stays pending → SMTP → sent → copy; a copy that fails, or that a crash
 * prevents, leaves the reply sent and recorded, and only the copy missing (DESIGN §6).
 */
final class SentCopies {
  private static final Logger LOG = LoggerFactory.getLogger(SentCopies.class);

  private final String mailbox;
  private final MessageSource source;
  private final Executor executor;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  SentCopies(String mailbox, MessageSource source, Executor executor) {
    this.mailbox = mailbox;
    this.source = source;
    this.executor = executor;
  }

  /** Copies {@code reply} after the copies handed over before it. */
  synchronized void add(OutgoingReply reply) {
    tail =
        tail.thenRunAsync(() -> copy(reply.messageId(), () -> source.copyToSent(reply)), executor);
  }

  /** Copies a message redirected to a stand-in after the copies handed over before it. */
  synchronized void add(Redirect redirect) {
    tail =
        tail.thenRunAsync(
            () -> copy(redirect.resentMessageId(), () -> source.copyToSent(redirect)), executor);
  }

  /** One copy to Sent. */
  @FunctionalInterface
  private interface Copy {
    void make() throws MailServerException;
  }

  /** Waits until every copy handed over so far is made (or has failed). */
  void drain() {
    CompletableFuture<Void> last;
    synchronized (this) {
      last = tail;
    }
    last.join();
  }

  private void copy(String id, Copy copy) {
    try {
      copy.make();
    } catch (MailServerException | RuntimeException e) {
      // The message is out and recorded as sent; a missing copy must not make us send it again.
      LOG.warn(
          "mailbox={} {} was sent but could not be copied to Sent: {}",
          mailbox,
          id,
          e.getMessage());
    }
  }
}
