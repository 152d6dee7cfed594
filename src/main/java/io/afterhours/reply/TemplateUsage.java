package io.afterhours.reply;

import java.util.Objects;
import java.util.Set;

/**
 * What the configuration asks of the templates, so that {@link TemplateCatalog#validate} renders
 * each template with the values of every situation it may answer, and only those.
 *
 * @param replyTemplate {@code reply.template}, used after hours (default {@code after-hours})
 * @param awayTemplates the templates named by away periods (default {@code away})
 * @param duringOpenHours {@code reply.during-open-hours}: the {@code open} situation occurs, where
 *     {@code closedBecause} has no value
 */
public record TemplateUsage(
    String replyTemplate, Set<String> awayTemplates, boolean duringOpenHours) {
  public TemplateUsage {
    Objects.requireNonNull(replyTemplate, "replyTemplate");
    awayTemplates = Set.copyOf(awayTemplates);
  }

  public static TemplateUsage defaults() {
    return new TemplateUsage(TemplateCatalog.AFTER_HOURS, Set.of(TemplateCatalog.AWAY), false);
  }
}
