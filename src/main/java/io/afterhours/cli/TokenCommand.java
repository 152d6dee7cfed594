package io.afterhours.cli;

import io.afterhours.config.Settings;
import io.afterhours.status.AccessToken;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afterhours token}: the token the status page asks for before it changes anything. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the install's token: the status page's away switch asks for it.",
      "It is made on first use, in a file only this user can read (beside the embedded store, or",
      "as http.token-file says). Run it as the user the daemon runs as."
    })
final class TokenCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--path", description = "print where the token is kept instead")
  boolean path;

  @Override
  public Integer call() throws Exception {
    Settings settings = root.loadSettings();
    spec.commandLine()
        .getOut()
        .println(
            path ? AccessToken.location(settings).toString() : AccessToken.readOrCreate(settings));
    spec.commandLine().getOut().flush();
    return AfterhoursCommand.OK;
  }
}
