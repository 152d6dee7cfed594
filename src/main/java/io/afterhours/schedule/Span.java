package io.afterhours.schedule;

import java.time.Instant;

/** A half-open stretch of time {@code [from, until)} that closes the office. */
record Span(Instant from, Instant until) {}
