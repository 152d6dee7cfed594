package io.afterhours.cli;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.sieve.ManageSieveClient;
import io.afterhours.sieve.SieveGenerator;
import io.afterhours.sieve.SieveInstaller;
import io.afterhours.sieve.SieveLimits;
import io.afterhours.sieve.SieveServerException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code afterhours sieve}: the mailbox's hours, holidays, away periods and replies for the next
 * year as a Sieve script, printed, or uploaded and activated over ManageSieve without disturbing
 * the owner's own active script.
 */
@Command(
    name = "sieve",
    mixinStandardHelpOptions = true,
    header = "Writes the mailbox's replies as a Sieve script for the mail server; uploads it.",
    description = {
      "Prints a Sieve script (RFC 5228, vacation RFC 5230, date RFC 5260) that makes the mail"
          + " server itself send the after-hours replies at delivery, for the next year: the"
          + " mailbox's hours, zone, holidays, away periods and templates in every configured"
          + " language, and the rules that keep replies away from lists, robots and bulk mail.",
      "",
      "--push uploads it over ManageSieve (RFC 5804; the mailbox's sieve block, else its IMAP"
          + " host on port 4190, with the IMAP login) as \"afterhours\" and makes the server run"
          + " it. If you already run a script of your own, it keeps working: the server then runs"
          + " \"afterhours-main\", which runs your script first and afterhours' replies after it"
          + " (with the include extension; else a copy of your script with ours appended).",
      "--remove makes your own script active again (or none, if there was none) and deletes"
          + " afterhours' scripts. Both say which script the server runs afterwards."
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

  @ArgGroup(exclusive = true)
  Action action;

  static final class Action {
    @Option(
        names = "--push",
        description = "upload the script over ManageSieve and make the server run it")
    boolean push;

    @Option(
        names = "--remove",
        description = "deactivate and delete afterhours' scripts; make your own active again")
    boolean remove;
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    Settings settings = root.loadSettings();
    MailboxSettings chosen = chooseMailbox(settings, cli);
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    if (action != null && action.remove) {
      return talk(chosen, err, installer -> installer.remove().forEach(out::println), out);
    }
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
    if (action != null && action.push) {
      return talk(
          chosen,
          err,
          installer -> installer.push(ext -> generator.generate(now, ext)).forEach(out::println),
          out);
    }
    out.print(generator.generate(now).text());
    out.flush();
    return AfterhoursCommand.OK;
  }

  /** One ManageSieve session: its report lines on success, the reason on failure. */
  private int talk(MailboxSettings chosen, PrintWriter err, SieveSession session, PrintWriter out)
      throws Exception {
    try (ManageSieveClient client = ManageSieveClient.connect(chosen.name(), chosen.sieve())) {
      session.run(new SieveInstaller(client, chosen.name()));
      return AfterhoursCommand.OK;
    } catch (SieveServerException e) {
      err.println("afterhours: " + e.getMessage());
      return AfterhoursCommand.WORK_FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  @FunctionalInterface
  private interface SieveSession {
    void run(SieveInstaller installer) throws Exception;
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
