package io.afterhours.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What the daemon counts, for {@code /metrics} (Prometheus text format): decisions by mailbox,
 * outcome and reason; pass durations; whether each mailbox's servers answer; and, for the {@code
 * run} process, the JVM's and the process's own metrics and the build. {@code run} keeps one for
 * its whole life and hands it to the mailboxes of each reload, so that counters only ever grow
 * while the process runs.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /**
   * Whether each watched mailbox's servers answer, held here: a gauge holds what it reads only
   * weakly, and a state nobody else holds would read NaN after the next garbage collection.
   */
  private final Map<String, BooleanSupplier> mailboxStates = new ConcurrentHashMap<>();

  private final Map<String, Gauge> mailboxGauges = new ConcurrentHashMap<>();

  /** The decision counters by mailbox, outcome and reason: found here, not built per decision. */
  private final Map<List<String>, Counter> decisions = new ConcurrentHashMap<>();

  private Optional<JvmGcMetrics> gc = Optional.empty();

  /** Decisions, passes and mailbox states only: for {@code once}, and for tests. */
  public Metrics() {}

  /**
   * For the daemon process: also the JVM's memory, garbage collection, threads and classes, the
   * process's CPU, uptime and file descriptors, and {@code afterhours_build_info} = 1.
   *
   * @param version the build's version, e.g. {@code 0.1.0}
   * @param commit the git commit it was built from, empty when unknown
   */
  public static Metrics ofProcess(String version, String commit) {
    Metrics metrics = new Metrics();
    JvmGcMetrics gc = new JvmGcMetrics();
    metrics.gc = Optional.of(gc);
    for (MeterBinder binder :
        new MeterBinder[] {
          new JvmMemoryMetrics(),
          gc,
          new JvmThreadMetrics(),
          new ClassLoaderMetrics(),
          new ProcessorMetrics(),
          new UptimeMetrics(),
          new FileDescriptorMetrics()
        }) {
      binder.bindTo(metrics.registry);
    }
    Gauge.builder("afterhours.build.info", () -> 1)
        .description("The running build: its version and git commit")
        .tag("version", version)
        .tag("commit", commit)
        .register(metrics.registry);
    return metrics;
  }

  /** One decision: outcome is reply, skip or failed; reason a SkipReason code or a template. */
  void decision(String mailbox, String outcome, String reason) {
    decisions
        .computeIfAbsent(
            List.of(mailbox, outcome, reason),
            key ->
                Counter.builder("afterhours.decisions")
                    .description("Decisions about incoming messages")
                    .tag("mailbox", mailbox)
                    .tag("outcome", outcome)
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  void pass(String mailbox, Duration took, boolean ok) {
    Timer.builder("afterhours.pass")
        .description("One pass over a mailbox's folders")
        .tag("mailbox", mailbox)
        .tag("result", ok ? "ok" : "failed")
        .register(registry)
        .record(took);
  }

  /**
   * The mailboxes watched from now on, each with whether its servers answer: a daemon's, replacing
   * those of the daemon before a reload. The gauge of a mailbox no longer watched goes away.
   */
  synchronized void watch(Map<String, BooleanSupplier> states) {
    mailboxStates.putAll(states);
    mailboxStates.keySet().retainAll(states.keySet());
    for (String mailbox : states.keySet()) {
      mailboxGauges.computeIfAbsent(
          mailbox,
          m ->
              Gauge.builder("afterhours.mailbox.up", mailboxStates, all -> up(all, m))
                  .description("1 while the mailbox's servers answer, 0 while it backs off")
                  .tag("mailbox", m)
                  .strongReference(true)
                  .register(registry));
    }
    mailboxGauges
        .entrySet()
        .removeIf(
            gauge -> {
              boolean gone = !states.containsKey(gauge.getKey());
              if (gone) {
                registry.remove(gauge.getValue());
              }
              return gone;
            });
  }

  private static double up(Map<String, BooleanSupplier> states, String mailbox) {
    BooleanSupplier state = states.get(mailbox);
    return state != null && state.getAsBoolean() ? 1 : 0;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Stops listening to the JVM's garbage collections. */
  @Override
  public void close() {
    gc.ifPresent(JvmGcMetrics::close);
    registry.close();
  }
}
