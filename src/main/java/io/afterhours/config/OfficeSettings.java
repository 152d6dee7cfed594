package io.afterhours.config;

import io.afterhours.schedule.WorkingSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides when and how one mailbox answers: the schedule (zone, hours, holidays,
 * away), the response time, the reply policy and the templates.
 *
 * @param language the default template language, e.g. {@code id}
 * @param templates the directory holding the template files
 */
public record OfficeSettings(
    WorkingSchedule schedule,
    String language,
    Duration responseTime,
    ReplySettings reply,
    Path templates) {
  public OfficeSettings {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(responseTime, "responseTime");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(templates, "templates");
  }
}
