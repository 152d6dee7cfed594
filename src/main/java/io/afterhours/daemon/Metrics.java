package io.afterhours.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the daemon counts, for {@code /metrics} (Prometheus text format): decisions by mailbox,
 * outcome and reason; pass durations; whether each mailbox's servers answer.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** One decision: outcome is reply, skip or failed; reason a SkipReason code or a template. */
  void decision(String mailbox, String outcome, String reason) {
    Counter.builder("afterhours.decisions")
        .description("Decisions about incoming messages")
        .tag("mailbox", mailbox)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry)
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

  void mailboxUp(String mailbox, BooleanSupplier up) {
    Gauge.builder("afterhours.mailbox.up", up, u -> u.getAsBoolean() ? 1 : 0)
        .description("1 while the mailbox's servers answer, 0 while it backs off")
        .tag("mailbox", mailbox)
        .register(registry);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
