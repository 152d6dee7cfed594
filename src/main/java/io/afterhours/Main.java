package io.afterhours;

import io.afterhours.cli.AfterhoursCommand;
import java.time.Clock;

/** Entry point of the afterhours command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = AfterhoursCommand.commandLine(Clock.systemUTC(), System.getenv()).execute(args);
    System.exit(code);
  }
}
