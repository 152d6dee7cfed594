package io.afterhours.cli;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The signals the daemon answers: TERM and INT stop it cleanly (exit 0, not 143), HUP reloads the
 * configuration. Uses {@code sun.misc.Signal} (module jdk.unsupported), the JDK's only signal API.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  /** Starts listening; a signal this platform does not have is skipped with a debug line. */
  static Signals listen(String... names) {
    Signals signals = new Signals();
    for (String name : names) {
      try {
        Signal.handle(new Signal(name), s -> signals.received.add(s.getName()));
      } catch (IllegalArgumentException e) {
        LOG.debug("signal {} cannot be handled here: {}", name, e.getMessage());
      }
    }
    return signals;
  }

  /** Queues an event of our own, such as "CHANGE" from the config watcher. */
  void post(String name) {
    received.add(name);
  }

  /** Waits for the next signal and returns its name, e.g. "TERM". */
  String next() throws InterruptedException {
    return received.take();
  }
}
