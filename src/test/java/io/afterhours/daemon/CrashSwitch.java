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
  private boolean dead;

  /** Crashes at the {@code k}th step from now on (1 = the next one). */
  void armAt(int k) {
    trace.clear();
    crashAt = k;
    dead = false;
  }

  /** A new process: nothing crashes any more. */
  void disarm() {
    crashAt = Integer.MAX_VALUE;
    dead = false;
  }

  /**
   * One step. At step k the process dies; and a dead process takes no further step, so nothing a
   * {@code finally} block would still do after a kill -9 (a commit, a cursor save) happens.
   */
  void step(String name) {
    if (dead) {
      throw new Crash(trace.size(), "after death: " + name);
    }
    trace.add(name);
    if (trace.size() == crashAt) {
      dead = true;
      throw new Crash(trace.size(), name);
    }
  }

  /** The steps taken since the last {@link #armAt}, in order. */
  List<String> trace() {
    return List.copyOf(trace);
  }
}
