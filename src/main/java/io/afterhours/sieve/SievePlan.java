package io.afterhours.sieve;

import io.afterhours.policy.MailboxIdentity;
import io.afterhours.reply.LanguageRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a mailbox's Sieve script says, computed ahead by {@link SievePlanner}: the windows in
 * which a reply is due (with the texts that change from one window to the next), the replies, and
 * the rules that pick one.
 *
 * @param validFrom the first instant the script covers (when it was made)
 * @param validUntil one year later in the office's zone; after it the script sends no reply
 * @param windows the closed windows (and, with {@code reply.during-open-hours}, the open ones), in
 *     time order
 * @param replies each distinct reply and the cases (window kind, language, internal) it answers
 * @param genericNames per template language, the greeting used when From has no display name
 * @param defaultLanguage the {@code language} of the config, for senders no rule matches
 * @param languageRules {@code reply.languages.by-domain}, most specific first
 * @param replyPeriod how long the server waits before answering the same sender again
 */
record SievePlan(
    MailboxIdentity identity,
    ZoneId zone,
    Instant validFrom,
    Instant validUntil,
    List<Window> windows,
    List<PlannedReply> replies,
    SortedMap<String, String> genericNames,
    String defaultLanguage,
    List<LanguageRule> languageRules,
    List<String> internalDomains,
    List<String> neverReplyTo,
    Duration replyPeriod) {
  SievePlan {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(zone, "zone");
    windows = List.copyOf(windows);
    replies = List.copyOf(replies);
    genericNames = new TreeMap<>(genericNames);
    languageRules = List.copyOf(languageRules);
    internalDomains = List.copyOf(internalDomains);
    neverReplyTo = List.copyOf(neverReplyTo);
  }

  /** The window that holds {@code t}, if a reply is due then. */
  Optional<Window> windowAt(Instant t) {
    return windows.stream().filter(w -> w.contains(t)).findFirst();
  }

  /**
   * A stretch of time in which mail gets a reply of one kind.
   *
   * @param kind names the replies of this window, e.g. {@code weekend} or {@code holiday-natal}
   * @param description for the script's comment, e.g. "weekend, Fri 27 Nov 16:00 – Mon 30 Nov 08:00
   *     WIB"
   * @param values the variables the window sets, e.g. {@code ah_next_id} = "Senin, 30 November 2026
   *     pukul 08.00 WIB"
   */
  record Window(
      Instant from, Instant until, String kind, String description, Map<String, String> values) {
    Window {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(until, "until");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(description, "description");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    boolean contains(Instant t) {
      return !t.isBefore(from) && t.isBefore(until);
    }
  }

  /** A reply and every case that gets it. */
  record PlannedReply(SieveReply reply, List<Case> cases) {
    PlannedReply {
      Objects.requireNonNull(reply, "reply");
      cases = List.copyOf(cases);
    }
  }

  /**
   * One way a message can meet a window.
   *
   * @param language the language the sender's domain asks for (before template fallbacks)
   * @param internal the sender is in {@code reply.internal-domains}
   */
  record Case(String kind, String language, boolean internal) {}
}
