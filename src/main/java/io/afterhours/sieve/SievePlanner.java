package io.afterhours.sieve;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.OfficeSettings;
import io.afterhours.config.ReplySettings;
import io.afterhours.policy.Decision;
import io.afterhours.policy.Headers;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.PolicySettings;
import io.afterhours.policy.ReplyHistory;
import io.afterhours.reply.LanguageRule;
import io.afterhours.reply.LanguageStyles;
import io.afterhours.reply.OutgoingReply;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.responder.Responder;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.OpenWindow;
import io.afterhours.schedule.Schedule;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Computes a mailbox's {@link SievePlan} for the year after a given instant: every closed window
 * with the reply the daemon would send in it, in every language the config can choose and for
 * internal senders too.
 *
 * <p>The replies come from the daemon's own policy and composer ({@link Responder}), run for a
 * stand-in message arriving at the start of each window, so that the script says exactly what the
 * daemon says: the same template, situation, closure reason, next opening and respond-by time.
 * Windows whose replies differ only in those two times share one kind; the script then sets the
 * times per window and holds each reply text once.
 */
final class SievePlanner {
  /** How far ahead a script reaches. */
  static final Period VALIDITY = Period.ofYears(1);

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter LOCAL_ZONE =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", Locale.ENGLISH);

  private final MailboxSettings mailbox;
  private final TemplateCatalog catalog;

  SievePlanner(MailboxSettings mailbox, TemplateCatalog catalog) {
    this.mailbox = mailbox;
    this.catalog = catalog;
  }

  SievePlan plan(Instant from) {
    OfficeSettings office = mailbox.office();
    Schedule schedule = office.schedule();
    ZoneId zone = schedule.zone();
    Instant start = from.truncatedTo(ChronoUnit.SECONDS);
    Instant end = start.atZone(zone).plus(VALIDITY).toInstant();
    List<Case> cases = cases(office);
    Map<Case, Responder> responders = new LinkedHashMap<>();
    cases.forEach(c -> responders.put(c, responder(office, c)));

    Kinds kinds = new Kinds();
    SortedMap<String, String> genericNames = new TreeMap<>();
    List<SievePlan.Window> windows = new ArrayList<>();
    for (Stretch stretch : stretches(schedule, start, end, office)) {
      Map<String, String> values = new LinkedHashMap<>();
      List<SieveReply> replies = new ArrayList<>();
      for (Case c : cases) {
        Outcome outcome = reply(responders.get(c), stretch.arrival(), zone);
        replies.add(outcome.reply());
        values.putAll(outcome.values());
        String language = outcome.reply().language();
        genericNames.put(language, LanguageStyles.forLanguage(language).genericSender());
      }
      String kind = kinds.kindOf(replies, stretch.name());
      windows.add(
          new SievePlan.Window(
              stretch.from(), stretch.until(), kind, stretch.describe(zone), values));
    }
    ReplySettings reply = office.reply();
    return new SievePlan(
        mailbox.identity(),
        zone,
        start,
        end,
        windows,
        kinds.plannedReplies(cases),
        genericNames,
        office.language(),
        reply.languagesByDomain().entrySet().stream()
            .map(e -> new LanguageRule(e.getKey(), e.getValue()))
            .toList(),
        reply.policy().internalDomains(),
        reply.policy().neverReplyTo(),
        replyPeriod(reply.policy()));
  }

  /**
   * The vacation period: never two replies to one sender closer than {@code min-interval}, nor
   * within {@code once-per}; "once per closed window" has no period of its own, so a day stands in
   * for it where {@code min-interval} is zero.
   */
  static Duration replyPeriod(PolicySettings policy) {
    Duration period = policy.minInterval();
    Duration oncePer = policy.oncePer().orElse(Duration.ZERO);
    if (oncePer.compareTo(period) > 0) {
      period = oncePer;
    }
    return period.isZero() ? Duration.ofDays(1) : period;
  }

  /** Every language the sender's domain may ask for, each for external and internal senders. */
  private static List<Case> cases(OfficeSettings office) {
    Set<String> languages = new LinkedHashSet<>();
    languages.add(office.language());
    office.reply().languagesByDomain().values().forEach(l -> languages.add(normalize(l)));
    boolean internal = !office.reply().policy().internalDomains().isEmpty();
    List<Case> cases = new ArrayList<>();
    for (String language : languages) {
      cases.add(new Case(language, false));
      if (internal) {
        cases.add(new Case(language, true));
      }
    }
    return cases;
  }

  /**
   * A responder that answers every sender in {@code c}'s language, as internal or not, and leaves
   * out the sender rules (Sieve tests them itself) and the hourly limit (no history here).
   */
  private Responder responder(OfficeSettings office, Case c) {
    ReplySettings reply = office.reply();
    PolicySettings p = reply.policy();
    PolicySettings policy =
        new PolicySettings(
            p.oncePer(),
            p.minInterval(),
            p.maxAge(),
            List.of(),
            c.internal() ? List.of("*") : List.of(),
            p.duringOpenHours(),
            0);
    OfficeSettings forCase =
        new OfficeSettings(
            office.schedule(),
            office.language(),
            office.responseTime(),
            new ReplySettings(reply.template(), policy, Map.of("*", c.language())),
            office.templates());
    return new Responder(
        mailbox.identity(),
        forCase,
        catalog,
        ReplyHistory.none(),
        (domain, at) -> "<sieve@afterhours.invalid>");
  }

  private Outcome reply(Responder responder, Instant arrival, ZoneId zone) {
    MessageFacts facts =
        new MessageFacts(
            "<original@afterhours.invalid>",
            arrival,
            false,
            Optional.of(ReplyHoles.SENDER),
            List.of(ReplyHoles.SENDER),
            Optional.empty(),
            List.of(mailbox.identity().owner()),
            ReplyHoles.SUBJECT,
            List.of(),
            List.of(),
            Optional.empty(),
            Headers.empty());
    Decision decision = responder.decide(facts, arrival);
    if (!(decision instanceof Decision.Reply reply)) {
      throw new IllegalStateException(
          "the policy gives no reply at " + arrival + " in a window that needs one: " + decision);
    }
    OutgoingReply composed = responder.compose(facts, reply, arrival);
    String language = composed.language();
    var style = LanguageStyles.forLanguage(language);
    String next = style.dateTime(reply.timing().nextOpening(), zone);
    String by = style.dateTime(reply.timing().respondBy(), zone);
    Optional<SieveReply> withTimes = ReplyHoles.of(composed, next, by, true);
    if (withTimes.isPresent()) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put(ReplyHoles.nextVariable(language), next);
      values.put(ReplyHoles.respondByVariable(language), by);
      return new Outcome(withTimes.get(), values);
    }
    // The times also stand elsewhere in the text: this window keeps its own, literal reply.
    SieveReply literal =
        ReplyHoles.of(composed, next, by, false)
            .orElseThrow(() -> new IllegalStateException("a template holds afterhours' markers"));
    return new Outcome(literal, Map.of());
  }

  private static List<Stretch> stretches(
      Schedule schedule, Instant start, Instant end, OfficeSettings office) {
    List<Stretch> all = new ArrayList<>();
    for (ClosedWindow w : schedule.closures(start, end)) {
      String name = w.reason().word() + (w.label().isBlank() ? "" : " " + w.label());
      all.add(new Stretch(w.from(), w.until(), w.from(), name));
    }
    if (office.reply().policy().duringOpenHours()) {
      // Sieve cannot count working time from the arrival: promise what mail arriving at the end of
      // the window would be promised, never an earlier time than the daemon would.
      for (OpenWindow w : schedule.openWindows(start, end)) {
        all.add(new Stretch(w.open(), w.close(), w.close().minusSeconds(1), "open"));
      }
      all.sort(Comparator.comparing(Stretch::from));
    }
    return all;
  }

  private static String normalize(String language) {
    return language.strip().toLowerCase(Locale.ROOT);
  }

  private record Case(String language, boolean internal) {}

  private record Outcome(SieveReply reply, Map<String, String> values) {}

  /** A window of the schedule, the arrival the reply is computed for, and a name for its kind. */
  private record Stretch(Instant from, Instant until, Instant arrival, String name) {
    String describe(ZoneId zone) {
      return name
          + ", "
          + LOCAL.format(from.atZone(zone))
          + " – "
          + LOCAL_ZONE.format(until.atZone(zone));
    }
  }

  /** Windows whose replies are equal share a kind, named after the first such window. */
  private static final class Kinds {
    private final Map<List<SieveReply>, String> byReplies = new LinkedHashMap<>();
    private final Map<String, Integer> taken = new HashMap<>();

    String kindOf(List<SieveReply> replies, String name) {
      return byReplies.computeIfAbsent(List.copyOf(replies), r -> unique(slug(name)));
    }

    private String unique(String base) {
      int n = taken.merge(base, 1, Integer::sum);
      return n == 1 ? base : base + "-" + n;
    }

    /** "holiday Hari Raya Natal" becomes "holiday-hari-raya-natal": safe in any Sieve string. */
    private static String slug(String name) {
      String slug =
          Normalizer.normalize(name, Normalizer.Form.NFKD)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "-")
              .replaceAll("^-|-$", "");
      return slug.isEmpty() ? "closed" : slug;
    }

    List<SievePlan.PlannedReply> plannedReplies(List<Case> cases) {
      Map<SieveReply, List<SievePlan.Case>> byReply = new LinkedHashMap<>();
      byReplies.forEach(
          (replies, kind) -> {
            for (int i = 0; i < cases.size(); i++) {
              Case c = cases.get(i);
              byReply
                  .computeIfAbsent(replies.get(i), r -> new ArrayList<>())
                  .add(new SievePlan.Case(kind, c.language(), c.internal()));
            }
          });
      List<SievePlan.PlannedReply> planned = new ArrayList<>();
      byReply.forEach((reply, which) -> planned.add(new SievePlan.PlannedReply(reply, which)));
      return planned;
    }
  }
}
