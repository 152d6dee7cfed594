package io.afterhours.cli;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.OfficeSettings;
import io.afterhours.config.Settings;
import io.afterhours.reply.TemplateProblem;
import io.afterhours.responder.TemplateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afterhours check}: validates config and templates, then logs in to every server. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Checks the config and templates, then logs in to every server.",
    description = {
      "Validates the configuration and every template (each problem with file:line:key),",
      "then logs in to each IMAP and SMTP server and reports the result."
    })
final class CheckCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--offline", description = "check config and templates only; contact no server")
  boolean offline;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings = root.loadSettings();
    // What would fail at the first connection (an unset ${?PASSWORD}, plain text off the
    // loopback) is found without one, so that --offline finds it too.
    List<String> problems = new ArrayList<>();
    settings.serverProblems().forEach(p -> problems.add(p.toString()));
    problems.addAll(templateProblems(settings));
    if (!problems.isEmpty()) {
      problems.forEach(err::println);
      err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found.");
      err.flush();
      return AfterhoursCommand.INVALID;
    }
    out.println(
        root.configFile()
            + ": configuration and templates are valid ("
            + settings.mailboxes().size()
            + (settings.mailboxes().size() == 1 ? " mailbox" : " mailboxes")
            + ").");
    if (!settings.overrides().isEmpty()) {
      out.println("Set outside the file:");
      settings.overrides().forEach(o -> out.println("  " + o));
    }
    out.flush();
    if (offline) {
      return AfterhoursCommand.OK;
    }
    return new ServerCheck(out, root.clock()).checkAll(settings)
        ? AfterhoursCommand.OK
        : AfterhoursCommand.WORK_FAILED;
  }

  /**
   * Every template problem of every distinct office the templates answer for: each mailbox's (the
   * global one, or its overrides), and the global one when there is no mailbox ({@code preview}
   * then uses it). The global office is not checked beside mailboxes that all override it: values
   * set only per mailbox would make its check report them unknown.
   */
  static List<String> templateProblems(Settings settings) {
    Set<OfficeSettings> offices = new LinkedHashSet<>();
    settings.mailboxes().stream().map(MailboxSettings::office).forEach(offices::add);
    if (offices.isEmpty()) {
      offices.add(settings.office());
    }
    Set<String> problems = new LinkedHashSet<>();
    TemplateFiles.Shared templates = new TemplateFiles.Shared();
    for (OfficeSettings office : offices) {
      try {
        for (TemplateProblem problem : templates.check(office)) {
          problems.add(problem.toString());
        }
      } catch (IOException e) {
        problems.add(settings.source() + ": templates: " + e.getMessage());
      }
    }
    return new ArrayList<>(problems);
  }
}
