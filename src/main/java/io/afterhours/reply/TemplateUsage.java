package io.afterhours.reply;

import java.util.Map;
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
 * @param values the owner's values ({@code values} in the config): a template may name only these,
 *     and one that is empty only inside its own section
 */
public record TemplateUsage(
    String replyTemplate,
    Set<String> awayTemplates,
    boolean duringOpenHours,
    Map<String, String> values) {
  public TemplateUsage {
    Objects.requireNonNull(replyTemplate, "replyTemplate");
    awayTemplates = Set.copyOf(awayTemplates);
    values = Map.copyOf(values);
  }

  /** A configuration that sets no values of its own. */
  public TemplateUsage(String replyTemplate, Set<String> awayTemplates, boolean duringOpenHours) {
    this(replyTemplate, awayTemplates, duringOpenHours, Map.of());
  }

  public static TemplateUsage defaults() {
    return new TemplateUsage(TemplateCatalog.AFTER_HOURS, Set.of(TemplateCatalog.AWAY), false);
  }
}
