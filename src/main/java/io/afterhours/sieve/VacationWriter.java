package io.afterhours.sieve;

import io.afterhours.policy.MailAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the part of the script that answers, once a window has set {@code ah_k}: the reply's
 * language from the sender's domain, the internal senders, the values the message itself gives
 * (subject, sender, the sender's name), and one vacation action per distinct reply, chosen by
 * window kind, language and internal or not.
 */
final class VacationWriter {
  private static final String INTERNAL = "yes";
  private static final Duration DAY = Duration.ofDays(1);

  private VacationWriter() {}

  static void write(StringBuilder out, SievePlan plan, boolean vacationSeconds) {
    out.append("  if not string :is \"${ah_k}\" \"\" {\n");
    language(out, plan);
    if (!plan.internalDomains().isEmpty()) {
      out.append("    # reply.internal-domains get the internal template.\n")
          .append("    if envelope :domain :matches \"from\" ")
          .append(SieveText.list(plan.internalDomains().stream().map(SieveText::matchKey).toList()))
          .append(" { set \"ah_internal\" \"")
          .append(INTERNAL)
          .append("\"; }\n");
    }
    senderValues(out, plan);
    out.append(
        "    # The replies. The HTML alternative of a template is not sent: text only.\n"
            + "    # The server remembers whom it answered (vacation :handle) and waits "
            + readable(plan.replyPeriod())
            + " before\n"
            + "    # answering the same sender again.\n");
    String period = period(plan, vacationSeconds);
    String from = fromAddress(plan.identity().owner());
    List<String> ours = new ArrayList<>();
    ours.add(plan.identity().owner().address());
    ours.addAll(plan.identity().aliases());
    List<SievePlan.PlannedReply> replies = plan.replies();
    for (int i = 0; i < replies.size(); i++) {
      SievePlan.PlannedReply r = replies.get(i);
      out.append(i == 0 ? "    if " : "    } elsif ")
          .append(condition(r.cases(), plan))
          .append(" {\n      # template ")
          .append(r.reply().template())
          .append('.')
          .append(r.reply().language())
          .append("\n      vacation ")
          .append(period)
          .append(" :handle ")
          .append(SieveText.quoted("afterhours " + plan.identity().name()))
          .append(" :from ")
          .append(SieveText.quoted(from))
          .append(" :addresses ")
          .append(SieveText.list(ours))
          .append("\n        :subject ")
          .append(SieveText.quoted(r.reply().subject()))
          .append(' ')
          .append(SieveText.multiLine(r.reply().body()))
          .append("      ;\n");
    }
    if (!replies.isEmpty()) {
      out.append("    }\n");
    }
    out.append("  }\n");
  }

  private static void language(StringBuilder out, SievePlan plan) {
    out.append("    # The language, by the sender's domain (reply.languages.by-domain).\n")
        .append("    set \"ah_lang\" ")
        .append(SieveText.quoted(plan.defaultLanguage()))
        .append(";\n");
    var rules = plan.languageRules();
    for (int i = 0; i < rules.size(); i++) {
      out.append(i == 0 ? "    if" : "    elsif")
          .append(" envelope :domain :matches \"from\" ")
          .append(SieveText.quoted(SieveText.matchKey(rules.get(i).domainGlob())))
          .append(" { set \"ah_lang\" ")
          .append(SieveText.quoted(rules.get(i).language()))
          .append("; }\n");
    }
  }

  private static void senderValues(StringBuilder out, SievePlan plan) {
    out.append("    # What the message itself says: its subject, its sender, the sender's name.\n")
        .append("    if header :matches \"Subject\" \"*\" { set \"")
        .append(ReplyHoles.SUBJECT_VARIABLE)
        .append("\" \"${1}\"; }\n")
        .append("    if envelope :all :matches \"from\" \"*\" { set \"")
        .append(ReplyHoles.SENDER_VARIABLE)
        .append("\" \"${1}\"; }\n")
        .append("    if header :matches \"From\" \"\\\"*\\\"*<*>\" {")
        .append(" set \"ah_from_name\" \"${1}\"; }\n")
        .append(
            "    elsif header :matches \"From\" \"* <*>\" { set \"ah_from_name\" \"${1}\"; }\n");
    plan.genericNames()
        .forEach(
            (language, generic) -> {
              String v = ReplyHoles.nameVariable(language);
              out.append("    set \"")
                  .append(v)
                  .append("\" \"${ah_from_name}\"; if string :is \"${")
                  .append(v)
                  .append("}\" \"\" { set \"")
                  .append(v)
                  .append("\" ")
                  .append(SieveText.quoted(SieveText.literal(generic)))
                  .append("; }\n");
            });
  }

  /** Which cases get a reply: its window kinds, per language and internal or not. */
  private static String condition(List<SievePlan.Case> cases, SievePlan plan) {
    boolean byLanguage =
        plan.replies().stream()
                .flatMap(r -> r.cases().stream())
                .map(SievePlan.Case::language)
                .distinct()
                .count()
            > 1;
    boolean byInternal = !plan.internalDomains().isEmpty();
    Map<List<String>, List<String>> kindsBySender = new LinkedHashMap<>();
    for (SievePlan.Case c : cases) {
      List<String> sender = new ArrayList<>();
      if (byLanguage) {
        sender.add("string :is \"${ah_lang}\" " + SieveText.quoted(c.language()));
      }
      if (byInternal) {
        sender.add("string :is \"${ah_internal}\" \"" + (c.internal() ? INTERNAL : "") + "\"");
      }
      List<String> kinds = kindsBySender.computeIfAbsent(sender, g -> new ArrayList<>());
      if (!kinds.contains(c.kind())) {
        kinds.add(c.kind());
      }
    }
    List<String> alternatives = new ArrayList<>();
    kindsBySender.forEach(
        (sender, kinds) -> {
          List<String> tests = new ArrayList<>();
          tests.add("string :is \"${ah_k}\" " + SieveText.list(kinds));
          tests.addAll(sender);
          alternatives.add(
              tests.size() == 1 ? tests.get(0) : "allof(" + String.join(", ", tests) + ")");
        });
    return alternatives.size() == 1
        ? alternatives.get(0)
        : "anyof(" + String.join(",\n        ", alternatives) + ")";
  }

  static boolean usesSeconds(SievePlan plan, boolean vacationSeconds) {
    return vacationSeconds && plan.replyPeriod().toSeconds() % DAY.toSeconds() != 0;
  }

  /** {@code :days N}, rounded up so that no sender is answered sooner than the config allows. */
  private static String period(SievePlan plan, boolean vacationSeconds) {
    long seconds = plan.replyPeriod().toSeconds();
    if (usesSeconds(plan, vacationSeconds)) {
      return ":seconds " + seconds;
    }
    long days = Math.max(1, (seconds + DAY.toSeconds() - 1) / DAY.toSeconds());
    return ":days " + days;
  }

  /** The owner with a quoted display name, where the name is plain ASCII; else the address. */
  private static String fromAddress(MailAddress owner) {
    String name = owner.name().strip();
    if (name.isEmpty() || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return owner.address();
    }
    String quoted = name.replace("\\", "\\\\").replace("\"", "\\\"");
    return SieveText.literal("\"" + quoted + "\" <" + owner.address() + ">");
  }

  private static String readable(Duration d) {
    long s = d.toSeconds();
    if (s % DAY.toSeconds() == 0) {
      return (s / DAY.toSeconds()) + "d";
    }
    return s % 3600 == 0 ? (s / 3600) + "h" : (s / 60) + "m";
  }
}
