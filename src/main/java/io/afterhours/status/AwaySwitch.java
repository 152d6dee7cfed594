package io.afterhours.status;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.OfficeSettings;
import io.afterhours.config.Settings;
import io.afterhours.reply.ReplyTemplate;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.reply.TemplateProblem;
import io.afterhours.reply.TemplateUsage;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.store.JdbcAwayPeriods;
import io.afterhours.store.KeptAway;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The away switch, for the status page and {@code afterhours away} alike: sets and ends the away
 * periods kept in the store, after the checks the config file's periods get (a template that exists
 * and renders), and logs every change with who made it.
 */
public final class AwaySwitch {
  private static final Logger LOG = LoggerFactory.getLogger(AwaySwitch.class);

  /** Who changes the switch: the status page or the command line. */
  public static final String PAGE = "page";

  public static final String COMMAND = "command";

  private final Settings settings;
  private final JdbcAwayPeriods periods;
  private final Clock clock;

  public AwaySwitch(Settings settings, JdbcAwayPeriods periods, Clock clock) {
    this.settings = settings;
    this.periods = periods;
    this.clock = clock;
  }

  /** What became of a request to go away. */
  public sealed interface Outcome permits Kept, Refused {}

  /** The period is kept, and applies from the daemon's next pass. */
  public record Kept(KeptAway kept) implements Outcome {}

  /** Nothing changed, for the reason given (in words for the owner). */
  public record Refused(String why) implements Outcome {}

  /**
   * Keeps an away period.
   *
   * @param mailbox the mailbox it applies to; empty for every mailbox
   * @param template the template to answer with; blank for {@code away}
   * @param forwardTo the stand-ins each replied client mail is also redirected to; may be empty
   * @param by {@link #PAGE} or {@link #COMMAND}
   */
  public Outcome set(
      Optional<String> mailbox,
      Instant from,
      Instant until,
      String template,
      String note,
      List<String> forwardTo,
      String by) {
    Instant now = now();
    String name = template == null || template.isBlank() ? TemplateCatalog.AWAY : template.strip();
    Optional<String> refused = unknownMailbox(settings, mailbox);
    if (refused.isEmpty() && !until.isAfter(from)) {
      refused = Optional.of("it ends (" + until + ") before it starts (" + from + ")");
    }
    if (refused.isEmpty() && !until.isAfter(now)) {
      refused = Optional.of("it is over already (it ends " + until + "): nothing to switch");
    }
    if (refused.isEmpty()) {
      refused = templateProblem(mailbox, name);
    }
    if (refused.isEmpty()) {
      refused =
          forwardTo.stream()
              .filter(a -> !AwayPeriod.isPlainAddress(a))
              .findFirst()
              .map(a -> "\"" + a + "\" is not an address like \"colleague@example.com\"");
    }
    if (refused.isPresent()) {
      LOG.info("away switch: {} was refused an away period: {}", by, refused.get());
      return new Refused(refused.get());
    }
    String cleanNote = note == null ? "" : note.replaceAll("\\p{Cntrl}", " ").strip();
    KeptAway kept =
        periods.set(mailbox, new AwayPeriod(from, until, name, cleanNote, forwardTo), by, now);
    LOG.info(
        "away switch: {} set away period #{} for {} from {} until {} (template {}, note \"{}\"{})",
        by,
        kept.id(),
        mailbox.map(m -> "mailbox " + m).orElse("every mailbox"),
        from,
        until,
        name,
        kept.period().note(),
        forwardTo.isEmpty() ? "" : ", forwarded to " + String.join(" ", forwardTo));
    return new Kept(kept);
  }

  /** Ends the periods in force now that apply to {@code mailbox} (every one when empty). */
  public List<KeptAway> endCurrent(Optional<String> mailbox, String by) {
    List<KeptAway> ended = periods.endCurrent(mailbox, now(), by);
    ended.forEach(k -> logEnd(k, by, "ended"));
    return ended;
  }

  /**
   * Ends period {@code id}: one in force ends now, one to come is taken back.
   *
   * @return the period as it was left; empty when there is none to end
   */
  public Optional<KeptAway> end(long id, String by) {
    Instant now = now();
    Optional<KeptAway> ended = periods.end(id, now, by);
    ended.ifPresent(k -> logEnd(k, by, k.period().until().equals(now) ? "ended" : "cancelled"));
    return ended;
  }

  /**
   * To the second, as a message's arrival (INTERNALDATE) is: mail that arrives in the second a
   * period ends is not taken for mail of the period.
   */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static void logEnd(KeptAway kept, String by, String what) {
    LOG.info(
        "away switch: {} {} away period #{} for {} ({} until {})",
        by,
        what,
        kept.id(),
        kept.mailbox().map(m -> "mailbox " + m).orElse("every mailbox"),
        kept.period().from(),
        kept.period().until());
  }

  /** The stand-ins of a form field or option: addresses separated by commas or spaces. */
  public static List<String> addresses(String text) {
    return java.util.Arrays.stream(text.split("[,\\s]+")).filter(a -> !a.isEmpty()).toList();
  }

  /** Why {@code mailbox} names none of the config's mailboxes; empty when it does, or is empty. */
  public static Optional<String> unknownMailbox(Settings settings, Optional<String> mailbox) {
    if (mailbox.isEmpty()
        || settings.mailboxes().stream().anyMatch(m -> m.name().equals(mailbox.get()))) {
      return Optional.empty();
    }
    return Optional.of(
        "no mailbox is called \""
            + mailbox.get()
            + "\"; the config has "
            + settings.mailboxes().stream()
                .map(MailboxSettings::name)
                .collect(Collectors.joining(", ")));
  }

  /**
   * Why {@code name} cannot answer while away in each office the period applies to: it must exist
   * there (no silent fall-back to after-hours) and render with an away period's values, as {@code
   * check} requires of the config file's periods.
   */
  Optional<String> templateProblem(Optional<String> mailbox, String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      return Optional.of(
          "\"" + name + "\" is not a template name like \"away\" (letters, digits, - _ .)");
    }
    Set<OfficeSettings> offices = new HashSet<>();
    for (MailboxSettings m : settings.mailboxes()) {
      if (mailbox.isEmpty() || mailbox.get().equals(m.name())) {
        offices.add(m.office());
      }
    }
    if (offices.isEmpty()) {
      offices.add(settings.office());
    }
    for (OfficeSettings office : offices) {
      TemplateCatalog catalog;
      try {
        catalog = TemplateFiles.load(office);
      } catch (IOException e) {
        return Optional.of(e.getMessage());
      }
      Set<String> names =
          catalog.templates().stream()
              .map(ReplyTemplate::name)
              .collect(Collectors.toCollection(TreeSet::new));
      if (!names.contains(name)) {
        return Optional.of(
            "there is no template \""
                + name
                + "\" in "
                + office.templates()
                + " (no "
                + name
                + "."
                + office.language()
                + ".txt); the templates there: "
                + String.join(", ", names));
      }
      List<TemplateProblem> problems = new ArrayList<>(catalog.validate(usage(office, name)));
      problems.removeAll(catalog.validate(usage(office, null)));
      if (!problems.isEmpty()) {
        return Optional.of(
            "template \""
                + name
                + "\" cannot answer while away: "
                + problems.stream().map(Object::toString).collect(Collectors.joining("; ")));
      }
    }
    return Optional.empty();
  }

  private static TemplateUsage usage(OfficeSettings office, String extraAway) {
    Set<String> away = new HashSet<>();
    office.schedule().awayPeriods().forEach(a -> away.add(a.template()));
    away.add(TemplateCatalog.AWAY);
    if (extraAway != null) {
      away.add(extraAway);
    }
    return new TemplateUsage(
        office.reply().template(), away, office.reply().policy().duringOpenHours());
  }

  /** The template names an office's folder holds, for the page's choice. */
  public static List<String> templateNames(TemplateCatalog catalog) {
    return catalog.templates().stream().map(ReplyTemplate::name).distinct().sorted().toList();
  }
}
