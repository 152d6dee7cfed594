package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.Lease;
import io.afterhours.pass.Leases;
import io.afterhours.pass.PendingReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The at-most-once protocol records a reply as pending before SMTP (DESIGN §6): that record must
 * survive the process dying the moment after, as with kill -9 or the OOM killer, or a restart would
 * send the reply a second time.
 */
class H2CrashIT {
  private static final Instant NOW = Instant.parse("2026-11-28T14:10:00Z");

  /** Run in a child JVM: records one pending reply, then dies without closing anything. */
  public static final class RecordThenDie {
    public static void main(String[] args) {
      Store store = Store.open(StoreSettings.of(args[0]), Clock.fixed(NOW, ZoneOffset.UTC));
      Lease lease =
          ((Leases.Acquired) store.leases("once", Duration.ofSeconds(10)).acquire("work")).lease();
      store
          .ledger()
          .recordPending(
              new PendingReply(
                  "work",
                  "<crash@klien>",
                  "INBOX",
                  1,
                  "budi@klien.test",
                  "budi@klien.test",
                  "<afterhours.crash@studio.test>",
                  lease.owner(),
                  NOW));
      System.out.println("recorded");
      System.out.flush();
      Runtime.getRuntime().halt(9);
    }
  }

  @Test
  void aPendingReplyRecordedJustBeforeTheProcessIsKilledIsThereAfterARestart(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("store");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RecordThenDie.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(out).isEqualTo(9);
    assertThat(out).contains("recorded");
    // The pending record was in the journal (H2 writes its own pages only in the background).
    assertThat(ReplyJournal.files(dir.resolve("store")))
        .singleElement()
        .satisfies(journal -> assertThat(Files.size(journal)).isPositive());

    try (Store store = Store.open(StoreSettings.of(url), Clock.fixed(NOW, ZoneOffset.UTC))) {
      assertThat(store.replies().pendingReplies("work"))
          .extracting(PendingReply::replyMessageId)
          .containsExactly("<afterhours.crash@studio.test>");
      assertThat(ReplyJournal.files(dir.resolve("store"))).as("replayed, then deleted").isEmpty();
    }
  }
}
