package io.afterhours.daemon;

import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;

/** Makes the JVM collect garbage for real, as a daemon that has run a while has. */
final class GarbageCollection {
  private GarbageCollection() {}

  /**
   * Asks for collections until an object that only a weak reference holds is gone: by then every
   * object reachable only that way is gone too.
   */
  static void collect() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              System.gc();
              return canary.get() == null;
            });
  }
}
