package io.afterhours.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the steps a pass takes through its ports (every durable commit, every SMTP hand-over,
 * every IMAP call, before and after) and crashes the process at step k: a {@link Crash} is an
 * {@link Error}, so nothing in the pass catches it, as nothing survives a kill -9.
 */
final class CrashSwitch {
  /** The process dies here. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(int step, String name) {
      super("crash at step " + step + " (" + name + ")");
    }
  }

  private final List<String> trace = new ArrayList<>();
  private int crashAt = Integer.MAX_VALUE;

  /** Crashes at the {@code k}th step from now on (1 = the next one). */
  void armAt(int k) {
    trace.clear();
    crashAt = k;
  }

  void disarm() {
    crashAt = Integer.MAX_VALUE;
  }

  void step(String name) {
    trace.add(name);
    if (trace.size() == crashAt) {
      crashAt = Integer.MAX_VALUE;
      throw new Crash(trace.size(), name);
    }
  }

  /** The steps taken since the last {@link #armAt}, in order. */
  List<String> trace() {
    return List.copyOf(trace);
  }
}
