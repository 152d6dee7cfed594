package io.afterhours.config;

import io.afterhours.schedule.WorkingSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that decides when and how one mailbox answers: the schedule (zone, hours, holidays,
 * away), the response time, the reply policy and the templates.
 *
 * @param language the default template language, e.g. {@code id}
 * @param templates the directory holding the template files
 * @param values the owner's own text for the templates ({@code values}, global and the mailbox's
 *     merged), by name; an empty one counts as not set
 */
public record OfficeSettings(
    WorkingSchedule schedule,
    String language,
    Duration responseTime,
    ReplySettings reply,
    Path templates,
    Map<String, String> values) {
  public OfficeSettings {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(responseTime, "responseTime");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(templates, "templates");
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** An office without values of its own. */
  public OfficeSettings(
      WorkingSchedule schedule,
      String language,
      Duration responseTime,
      ReplySettings reply,
      Path templates) {
    this(schedule, language, responseTime, reply, templates, Map.of());
  }
}
