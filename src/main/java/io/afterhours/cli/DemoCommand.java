package io.afterhours.cli;

import io.afterhours.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afterhours demo}: a round trip on an embedded mail server; no account needed. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Shows a reply and two skips on an embedded mail server.",
    description = {
      "Starts an embedded mail server on loopback, delivers a client's mail, a mailing-list mail",
      "and another auto-reply at a closed time, runs one pass with your config's hours and",
      "templates, and shows the decisions and the reply the client received."
    })
final class DemoCommand implements Callable<Integer> {
  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    root.loadSettings(); // a broken config is reported as for any other command
    boolean ok = new Demo(root.configFile(), root.clock(), spec.commandLine().getOut()).run();
    if (!ok) {
      spec.commandLine()
          .getErr()
          .println("demo: the round trip did not go as expected; see the log above");
    }
    return ok ? AfterhoursCommand.OK : AfterhoursCommand.WORK_FAILED;
  }
}
