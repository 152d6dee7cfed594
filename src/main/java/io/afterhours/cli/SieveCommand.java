package io.afterhours.cli;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.sieve.SieveGenerator;
import io.afterhours.sieve.SieveLimits;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code afterhours sieve}: the mailbox's hours, holidays, away periods and replies for the next
 * year as a Sieve script that the mail server runs at delivery.
 */
@Command(
    name = "sieve",
    mixinStandardHelpOptions = true,
    header = "Writes the mailbox's replies as a Sieve script for the mail server.",
    description = {
      "Prints a Sieve script (RFC 5228, vacation RFC 5230, date RFC 5260) that makes the mail"
          + " server itself send the after-hours replies at delivery, for the next year: the"
          + " mailbox's hours, zone, holidays, away periods and templates in every configured"
          + " language, and the rules that keep replies away from lists, robots and bulk mail."
    },
    footerHeading = "%nWhat Sieve cannot express (the afterhours daemon can):%n",
    footer = {
      "- " + SieveLimits.TIMES_FIXED,
      "- " + SieveLimits.NO_HTML,
      "- " + SieveLimits.PER_SENDER,
      "- " + SieveLimits.NO_HOURLY_LIMIT,
      "- " + SieveLimits.HEADERS_ONLY,
      "- " + SieveLimits.NO_SENDER_TIME,
      "- " + SieveLimits.FIELDS_BY_NAME,
      "- " + SieveLimits.OPEN_HOURS
    })
final class SieveCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--mailbox",
      paramLabel = "NAME",
      description = "the mailbox (default: the only one configured)")
  String mailbox;

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    Settings settings = root.loadSettings();
    MailboxSettings chosen = chooseMailbox(settings, cli);
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    TemplateCatalog templates = TemplateFiles.load(chosen.office());
    List<String> problems =
        TemplateFiles.check(templates, chosen.office()).stream().map(Object::toString).toList();
    if (!problems.isEmpty()) {
      problems.forEach(err::println);
      err.println("fix the templates first (afterhours check --offline lists them)");
      err.flush();
      return AfterhoursCommand.INVALID;
    }
    SieveGenerator generator =
        new SieveGenerator(
            chosen, templates, new VersionProvider().getVersion()[0], root.configFile().toString());
    Instant now = root.clock().instant();
    out.print(generator.generate(now).text());
    out.flush();
    return AfterhoursCommand.OK;
  }

  private MailboxSettings chooseMailbox(Settings settings, CommandLine cli) {
    List<MailboxSettings> all = settings.mailboxes();
    String names = all.stream().map(MailboxSettings::name).collect(Collectors.joining(", "));
    if (mailbox == null) {
      if (all.size() == 1) {
        return all.get(0);
      }
      throw new CommandLine.ParameterException(
          cli,
          all.isEmpty()
              ? "no mailbox is configured"
              : "name the mailbox with --mailbox (one of: " + names + ")");
    }
    return all.stream()
        .filter(m -> m.name().equals(mailbox))
        .findFirst()
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    cli,
                    "--mailbox: no mailbox is called \""
                        + mailbox
                        + "\""
                        + (all.isEmpty() ? "" : " (the config has: " + names + ")")));
  }
}
