package io.afterhours.cli;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.OfficeSettings;
import io.afterhours.config.Settings;
import io.afterhours.mail.MessageFactsReader;
import io.afterhours.mail.MessageFiles;
import io.afterhours.policy.Decision;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MailboxIdentity;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.ReplyHistory;
import io.afterhours.reply.OutgoingReply;
import io.afterhours.reply.RandomMessageIds;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.responder.Responder;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.schedule.Schedule;
import io.afterhours.store.KeptAway;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code afterhours preview}: would a message arriving at a given time get a reply, why, and with
 * what text. Applies the schedule (with the away periods kept in the store) and every header rule
 * of the policy; the reply history is empty, so the per-sender limits never apply. Touches no mail
 * server, and only reads the store: its away periods, and for {@code reply.only-to =
 * correspondents} whom the daemon has learned ({@link LearnedCorrespondents}).
 */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the decision and the rendered reply for a message arriving at a given time.",
      "Touches no mail; the reply limits (once-per, min-interval, max-per-hour) start from an empty history."
    })
final class PreviewCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--at", paramLabel = "ISO", description = "arrival time (default: now)")
  String at;

  @Option(
      names = "--from",
      paramLabel = "ADDR",
      description = "the sender, e.g. \"Budi <budi@example.org>\"")
  String from;

  @Option(
      names = "--to",
      paramLabel = "ADDR",
      description = "the recipient (default: the first mailbox's address)")
  String to;

  @Option(names = "--subject", paramLabel = "S", description = "the subject")
  String subject;

  @Option(names = "--header", paramLabel = "'N: v'", description = "an extra header; repeatable")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--message",
      paramLabel = "FILE.eml",
      description = "read the headers from a saved message")
  Path message;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    Optional<String> unusable = unusableMessageFile();
    if (unusable.isPresent()) {
      cli.getErr().println("preview --message " + message + ": " + unusable.get());
      cli.getErr().flush();
      return AfterhoursCommand.INVALID;
    }
    Settings settings = root.loadSettings();
    MailboxSettings mailbox = chooseMailbox(settings);
    OfficeSettings office = mailbox == null ? settings.office() : mailbox.office();
    Schedule schedule =
        office
            .schedule()
            .withMoreAway(
                KeptPeriods.read(
                        settings,
                        Optional.ofNullable(mailbox).map(MailboxSettings::name),
                        root.clock(),
                        cli.getErr())
                    .stream()
                    .map(KeptAway::period)
                    .toList());
    ZoneId zone = schedule.zone();
    Instant arrival = at == null ? root.clock().instant() : Instants.parse(at, zone, cli, "--at");
    MailboxIdentity identity = identity(settings, mailbox, cli);
    MessageFacts facts = facts(identity, arrival, cli);

    TemplateCatalog templates = TemplateFiles.load(office);
    List<String> problems =
        TemplateFiles.check(templates, office).stream().map(Object::toString).toList();
    if (!problems.isEmpty()) {
      problems.forEach(cli.getErr()::println);
      cli.getErr().println("fix the templates first (afterhours check --offline lists them)");
      return AfterhoursCommand.INVALID;
    }
    Decision decision;
    Optional<OutgoingReply> reply;
    try (LearnedCorrespondents learned =
        LearnedCorrespondents.open(settings, office, root.clock(), cli.getErr())) {
      Responder responder =
          new Responder(
              identity,
              office,
              schedule,
              templates,
              ReplyHistory.none(),
              learned.correspondents(),
              new RandomMessageIds());
      decision = responder.decide(facts, arrival);
      reply =
          decision instanceof Decision.Reply r
              ? Optional.of(responder.compose(facts, r, arrival))
              : Optional.empty();
    }

    PrintWriter out = cli.getOut();
    if (json) {
      out.println(Json.write(asJson(decision, reply, arrival, schedule, office.responseTime())));
    } else {
      printText(out, decision, reply, arrival, zone);
    }
    out.flush();
    return AfterhoursCommand.OK;
  }

  /** Why {@code --message} names no saved message; empty without the option. */
  private Optional<String> unusableMessageFile() {
    if (message == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(message)) {
      return Optional.of(Files.exists(message) ? "is not a file" : "no such file");
    }
    try {
      return MessageFiles.whyNotAMessage(message)
          .map(
              why ->
                  "is not a mail message: "
                      + why
                      + " (save the message with its header fields, e.g. as .eml from your mail"
                      + " program)");
    } catch (IOException e) {
      return Optional.of("cannot be read: " + e.getMessage());
    }
  }

  private MailboxSettings chooseMailbox(Settings settings) {
    if (settings.mailboxes().isEmpty()) {
      return null;
    }
    if (to != null) {
      for (MailboxSettings m : settings.mailboxes()) {
        if (to.toLowerCase().contains(m.owner().address().toLowerCase())) {
          return m;
        }
      }
    }
    return settings.mailboxes().get(0);
  }

  private MailboxIdentity identity(Settings settings, MailboxSettings mailbox, CommandLine cli) {
    if (mailbox != null) {
      return mailbox.identity();
    }
    if (to == null || to.isBlank()) {
      throw new CommandLine.ParameterException(
          cli, "no mailbox is configured, so give the recipient with --to");
    }
    String address = to.replaceAll(".*<([^>]+)>.*", "$1").trim();
    return new MailboxIdentity("preview", MailAddress.of(address), List.of());
  }

  private MessageFacts facts(MailboxIdentity identity, Instant arrival, CommandLine cli)
      throws IOException {
    if (message != null) {
      return MessageFactsReader.readEml(message, arrival);
    }
    try {
      return MessageFactsReader.fromFields(
          from == null ? "" : from,
          to == null ? identity.owner().toString() : to,
          subject == null ? "" : subject,
          headers,
          arrival);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
  }

  private static Map<String, Object> asJson(
      Decision decision,
      Optional<OutgoingReply> reply,
      Instant arrival,
      Schedule schedule,
      Duration responseTime) {
    ZoneId zone = schedule.zone();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("decision", decision instanceof Decision.Reply ? "reply" : "skip");
    json.put("reason", decision.summary());
    json.put("arrival", Instants.iso(arrival, zone));
    json.put("nextOpening", Instants.iso(schedule.nextOpeningAt(arrival), zone));
    json.put("respondBy", Instants.iso(schedule.respondBy(arrival, responseTime), zone));
    json.put("template", reply.map(OutgoingReply::template).orElse(null));
    json.put("language", reply.map(OutgoingReply::language).orElse(null));
    json.put("to", reply.map(r -> r.to().toString()).orElse(null));
    json.put("subject", reply.map(OutgoingReply::subject).orElse(null));
    json.put("text", reply.map(OutgoingReply::text).orElse(null));
    json.put("html", reply.flatMap(OutgoingReply::html).orElse(null));
    return json;
  }

  private static void printText(
      PrintWriter out,
      Decision decision,
      Optional<OutgoingReply> reply,
      Instant arrival,
      ZoneId zone) {
    out.println("Arrival:  " + Instants.iso(arrival, zone));
    out.println("Decision: " + (reply.isPresent() ? "reply" : "skip") + " — " + decision.summary());
    reply.ifPresent(
        r -> {
          out.println("Template: " + r.template() + "." + r.language());
          out.println("To:       " + r.to());
          out.println("Subject:  " + r.subject());
          out.println();
          out.println(r.text());
        });
  }
}
