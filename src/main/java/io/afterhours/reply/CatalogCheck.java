package io.afterhours.reply;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.ReplyTiming;
import io.afterhours.policy.Situation;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.ClosureReason;
import io.afterhours.schedule.TimeRange;
import io.afterhours.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders every template of a catalog with sample values, once for each situation in which the
 * fallbacks would choose it, with and without the sender-time value. A template that names a value
 * absent in one of those situations (a bare {@code {{closedBecause}}} in the template that answers
 * during open hours, a bare {@code {{away.note}}} outside an away period) fails here, at {@code
 * check}, instead of in a reply. The owner's values are checked against those the configuration
 * sets, and rendered as they are set: a bare {@code {{values.phone}}} with {@code phone = ""} fails
 * here too.
 */
final class CatalogCheck {
  private static final Instant OPENING = Instant.parse("2026-11-30T01:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");
  private static final Optional<ZoneOffset> SAME_OFFSET = Optional.empty();
  private static final Optional<ZoneOffset> OTHER_OFFSET = Optional.of(ZoneOffset.ofHours(1));

  private final TemplateCatalog catalog;
  private final TemplateUsage usage;

  CatalogCheck(TemplateCatalog catalog, TemplateUsage usage) {
    this.catalog = catalog;
    this.usage = usage;
  }

  List<TemplateProblem> run() {
    List<TemplateProblem> problems = new ArrayList<>();
    String lang = catalog.defaultLanguage();
    if (catalog.exact(TemplateCatalog.AFTER_HOURS, lang).isEmpty()) {
      problems.add(
          new TemplateProblem(
              TemplateCatalog.AFTER_HOURS + "." + lang + ".txt",
              0,
              "missing: the after-hours template in the default language ("
                  + lang
                  + ") is the fallback for every reply"));
    }
    Map<ReplyTemplate, Set<Situation>> uses = situationsByTemplate();
    for (ReplyTemplate template : catalog.templates()) {
      Map<String, String> values = new TreeMap<>(usage.values());
      for (ValueUse use : template.customValueUses()) {
        if (!usage.values().containsKey(use.name())) {
          problems.add(new TemplateProblem(use.source(), use.line(), unknownValue(use.name())));
          values.put(use.name(), use.name()); // reported once, as unknown, not again below
        }
      }
      Set<Situation> situations = uses.getOrDefault(template, EnumSet.of(Situation.AFTER_HOURS));
      for (Situation situation : situations) {
        for (Optional<ZoneOffset> offset : List.of(SAME_OFFSET, OTHER_OFFSET)) {
          try {
            template.render(sample(situation, template.language(), offset, values));
          } catch (TemplateException e) {
            problems.addAll(e.problems());
          }
        }
      }
    }
    return problems;
  }

  private String unknownValue(String name) {
    String known =
        usage.values().isEmpty()
            ? "sets none"
            : "sets only " + String.join(", ", new TreeMap<>(usage.values()).keySet());
    return "unknown placeholder {{"
        + Placeholders.CUSTOM
        + name
        + "}}: the config's values block "
        + known;
  }

  private Map<ReplyTemplate, Set<Situation>> situationsByTemplate() {
    Map<ReplyTemplate, Set<Situation>> uses = new IdentityHashMap<>();
    for (Situation situation : Situation.values()) {
      if (situation == Situation.OPEN && !usage.duringOpenHours()) {
        continue;
      }
      for (String name : namesFor(situation)) {
        for (String language : catalog.languages()) {
          catalog
              .find(name, language)
              .ifPresent(
                  t ->
                      uses.computeIfAbsent(t, k -> EnumSet.noneOf(Situation.class)).add(situation));
        }
      }
    }
    return uses;
  }

  private Set<String> namesFor(Situation situation) {
    return switch (situation) {
      case AFTER_HOURS -> Set.of(usage.replyTemplate());
      case HOLIDAY -> Set.of(TemplateCatalog.HOLIDAY);
      case AWAY -> usage.awayTemplates();
      case INTERNAL -> Set.of(TemplateCatalog.INTERNAL);
      case OPEN -> Set.of(TemplateCatalog.OPEN);
    };
  }

  private static ReplyValues sample(
      Situation situation,
      String language,
      Optional<ZoneOffset> senderOffset,
      Map<String, String> values) {
    Instant closed = OPENING.minus(Duration.ofHours(16));
    Optional<ClosedWindow> window =
        switch (situation) {
          case OPEN -> Optional.empty();
          case HOLIDAY ->
              Optional.of(
                  new ClosedWindow(closed, OPENING, ClosureReason.HOLIDAY, "", Optional.empty()));
          case AWAY -> {
            AwayPeriod away = new AwayPeriod(closed, OPENING, TemplateCatalog.AWAY, "annual leave");
            yield Optional.of(
                new ClosedWindow(
                    closed, OPENING, ClosureReason.AWAY, away.note(), Optional.of(away)));
          }
          case AFTER_HOURS, INTERNAL ->
              Optional.of(
                  new ClosedWindow(closed, OPENING, ClosureReason.NIGHT, "", Optional.empty()));
        };
    TimeRange day = new TimeRange(8 * 60, 16 * 60);
    Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
      hours.put(d, List.of(day));
    }
    return ReplyValues.of(
        new MailAddress("rina@example.co.id", "Rina Wijaya"),
        "Penawaran harga",
        new MailAddress("budi@example.com", "Budi Santoso"),
        new ReplyTiming(window, OPENING, OPENING.plus(Duration.ofHours(4))),
        senderOffset,
        ZONE,
        new WeeklyHours(hours),
        LanguageStyles.forLanguage(language),
        values);
  }
}
