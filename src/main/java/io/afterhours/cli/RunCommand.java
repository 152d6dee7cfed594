package io.afterhours.cli;

import io.afterhours.config.Settings;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.daemon.QuartzDaemon;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afterhours run}: the daemon, until SIGTERM or SIGINT. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "The daemon: watches every mailbox, polling every poll-interval, until SIGTERM or SIGINT.",
      "On a signal it finishes the message in hand and closes its connections."
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "decide and log only; send and record nothing")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    Settings settings = root.loadSettings();
    if (settings.mailboxes().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(settings.source() + ": mailboxes: none configured; nothing to watch");
      return AfterhoursCommand.INVALID;
    }
    Mailboxes mailboxes;
    try {
      mailboxes = Mailboxes.open(settings, root.clock(), dryRun);
    } catch (Mailboxes.TemplatesInvalid e) {
      e.problems().forEach(spec.commandLine().getErr()::println);
      return AfterhoursCommand.INVALID;
    }
    if (settings.idle()) {
      org.slf4j.LoggerFactory.getLogger(RunCommand.class)
          .info(
              "idle = true: IMAP IDLE is not supported yet; polling every {}s",
              settings.pollInterval().toSeconds());
    }
    QuartzDaemon daemon = new QuartzDaemon(mailboxes, settings.pollInterval(), root.clock());
    Thread hook = new Thread(daemon::stop, "afterhours-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    daemon.start();
    daemon.awaitStop();
    return AfterhoursCommand.OK;
  }
}
