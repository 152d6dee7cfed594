package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void aMailboxReadsOneOrZeroAfterAnyNumberOfGarbageCollectionsNeverNaN() {
    Metrics metrics = new Metrics();
    AtomicBoolean answers = new AtomicBoolean(true);
    // A state only the metrics hold, as a daemon's is: a lambda that captures, built right here.
    metrics.watch(Map.of("work", () -> answers.get()));

    GarbageCollection.collect();
    GarbageCollection.collect();
    assertThat(metrics.scrape()).contains("afterhours_mailbox_up{mailbox=\"work\"} 1.0");

    answers.set(false);
    GarbageCollection.collect();
    assertThat(metrics.scrape())
        .contains("afterhours_mailbox_up{mailbox=\"work\"} 0.0")
        .doesNotContain("NaN");
  }

  @Test
  void theNextDaemonsMailboxesReplaceTheGaugesAndLeaveTheCountersAlone() {
    Metrics metrics = new Metrics();
    metrics.watch(Map.of("work", () -> true, "home", () -> true));
    metrics.decision("home", "skip", "LIST_MAIL");
    metrics.decision("work", "reply", "after-hours");

    AtomicBoolean workAnswers = new AtomicBoolean(false);
    BooleanSupplier work = workAnswers::get;
    metrics.watch(Map.of("work", work));

    assertThat(metrics.scrape())
        .contains("afterhours_mailbox_up{mailbox=\"work\"} 0.0")
        .doesNotContain("afterhours_mailbox_up{mailbox=\"home\"}")
        .contains(
            "afterhours_decisions_total{mailbox=\"home\",outcome=\"skip\",reason=\"LIST_MAIL\"} 1.0")
        .contains(
            "afterhours_decisions_total{mailbox=\"work\",outcome=\"reply\",reason=\"after-hours\"} 1.0");

    metrics.watch(Map.of("work", work, "home", () -> true));
    assertThat(metrics.scrape()).contains("afterhours_mailbox_up{mailbox=\"home\"} 1.0");
  }

  @Test
  void theDaemonProcessAlsoShowsTheJvmTheProcessAndItsBuild() {
    try (Metrics metrics = Metrics.ofProcess("1.2.3", "abc1234")) {
      assertThat(metrics.scrape())
          .contains("afterhours_build_info{commit=\"abc1234\",version=\"1.2.3\"} 1")
          .contains("jvm_memory_used_bytes{")
          .contains("jvm_gc_memory_allocated_bytes_total")
          .contains("jvm_threads_live_threads")
          .contains("jvm_classes_loaded_classes")
          .contains("system_cpu_count")
          .contains("process_cpu_usage")
          .contains("process_uptime_seconds")
          .contains("process_start_time_seconds")
          .contains("process_files_open_files");
    }
  }

  @Test
  void onceCountsOnlyWhatItDoes() {
    assertThat(new Metrics().scrape()).doesNotContain("jvm_").doesNotContain("build_info");
  }
}
