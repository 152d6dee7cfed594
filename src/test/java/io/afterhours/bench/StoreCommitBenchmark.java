package io.afterhours.bench;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.Lease;
import io.afterhours.pass.Leases;
import io.afterhours.pass.PendingReply;
import io.afterhours.store.Store;
import io.afterhours.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * What the store's per-reply records cost on an H2 file: each reply recorded as pending, then as
 * sent with its decision, as a pass does, over a table that already holds {@code rows} replies. Run
 * with {@code java -cp … io.afterhours.bench.StoreCommitBenchmark [replies] [rows]
 * [";H2_SETTING=…"]}; prints microseconds per reply for three rounds, the bytes H2 wrote per
 * commit, and how H2's chunk bookkeeping and the heap grew.
 */
public final class StoreCommitBenchmark {
  public static void main(String[] args) throws Exception {
    int replies = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    String extra = args.length > 2 ? args[2] : "";
    Path dir = Files.createTempDirectory("afterhours-store-bench");
    String url = "jdbc:h2:file:" + dir.resolve("store") + extra;
    try (Store store = Store.open(StoreSettings.of(url), Clock.systemUTC())) {
      Lease lease =
          ((Leases.Acquired) store.leases("run", Duration.ofHours(1)).acquire("bench")).lease();
      record(store, lease, "old", rows);
      for (int round = 1; round <= 3; round++) {
        long written = writtenBytes();
        long start = System.nanoTime();
        record(store, lease, "r" + round, replies);
        long micros = (System.nanoTime() - start) / 1000 / replies;
        // Two commits per reply: its pending row, then its sent row with its decision.
        long perCommit = (writtenBytes() - written) / (2L * replies);
        System.out.printf(
            "%s round %d: %d µs per reply; %d bytes written per commit; %s%n",
            extra, round, micros, perCommit, chunkBookkeeping(store));
      }
    }
  }

  /**
   * How many entries H2's layout map holds (one per chunk still kept; a commit writes one chunk)
   * and the heap in use after a GC. H2 keeps every chunk of the last 45 s (its retention time), and
   * the store's housekeeping drops older ones (see {@code H2Housekeeping}).
   */
  private static String chunkBookkeeping(Store store) throws Exception {
    try (Connection connection = store.dataSource().getConnection()) {
      MVStore mv =
          ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
              .getDatabase()
              .getStore()
              .getMvStore();
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      return "H2 layout map %d entries, chunk fill rate %d%%, heap after GC %d MB"
          .formatted(
              mv.getLayoutMap().size(),
              mv.getFileStore().getChunksFillRate(),
              (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }
  }

  /** The bytes this process wrote (wchar of /proc/self/io): H2's chunks, nearly all of it. */
  private static long writtenBytes() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/self/io")).stream()
        .filter(line -> line.startsWith("wchar:"))
        .mapToLong(line -> Long.parseLong(line.substring(6).trim()))
        .findFirst()
        .orElse(0);
  }

  private static void record(Store store, Lease lease, String tag, int n) {
    for (int i = 0; i < n; i++) {
      Instant now = Instant.now();
      String original = "<" + tag + "." + i + "@client.test>";
      PendingReply pending =
          new PendingReply(
              "bench",
              original,
              "INBOX",
              i,
              "c" + i + "@client.test",
              "c" + i + "@client.test",
              "<reply." + tag + "." + i + "@me.test>",
              lease.owner(),
              now);
      store.ledger().recordPending(pending);
      store
          .ledger()
          .recordSent(
              pending,
              now,
              new DecisionRecord(
                  now,
                  "bench",
                  "INBOX",
                  i,
                  original,
                  pending.sender(),
                  DecisionRecord.Outcome.REPLY,
                  "sent",
                  "after-hours.en to " + pending.sender(),
                  Optional.of(pending.sender()),
                  Optional.of(pending.replyMessageId()),
                  false));
    }
  }
}
