package io.afterhours;

import io.afterhours.cli.AfterhoursCommand;
import io.afterhours.config.SettingsLoader;
import java.time.Clock;

/** Entry point of the afterhours command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // ical4j's time-zone provider logs while logback is still starting (logback's date pattern
    // loads the zone providers), and SLF4J then prints a three-line "replay" warning on every
    // command. The replayed lines themselves still reach the log.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    int code =
        AfterhoursCommand.commandLine(
                Clock.systemUTC(), System.getenv(), SettingsLoader.systemProperties())
            .execute(args);
    System.exit(code);
  }
}
