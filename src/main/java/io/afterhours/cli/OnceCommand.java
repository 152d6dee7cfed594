package io.afterhours.cli;

import io.afterhours.config.Settings;
import io.afterhours.daemon.Mailboxes;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afterhours once}: one pass over every mailbox, then exit (for cron). */
@Command(
    name = "once",
    mixinStandardHelpOptions = true,
    description = {
      "One pass over every mailbox, then exit; cron-friendly.",
      "Exits 1 when any mailbox could not be read, a reply could not be sent, or another",
      "afterhours process (a running daemon) holds a mailbox; it names that process."
    })
final class OnceCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "decide and log only; send and record nothing")
  boolean dryRun;

  @Option(names = "--now", paramLabel = "ISO", description = "judge \"closed now\" at this instant")
  String now;

  @Override
  public Integer call() throws Exception {
    Settings settings = root.loadSettings();
    settings.requireServerSettings();
    Optional<Instant> at =
        Optional.ofNullable(now)
            .map(
                t ->
                    Instants.parse(
                        t, settings.office().schedule().zone(), spec.commandLine(), "--now"));
    try (Mailboxes mailboxes = Mailboxes.open(settings, root.clock(), dryRun)) {
      return mailboxes.passOnce(at) ? AfterhoursCommand.OK : AfterhoursCommand.WORK_FAILED;
    } catch (Mailboxes.TemplatesInvalid e) {
      e.problems().forEach(spec.commandLine().getErr()::println);
      return AfterhoursCommand.INVALID;
    }
  }
}
