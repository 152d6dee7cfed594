package io.afterhours;

import io.afterhours.cli.AfterhoursCommand;
import io.afterhours.config.SettingsLoader;
import java.time.Clock;

/** Entry point of the afterhours command line. */
public final class Main {
  /** The system property through which Jakarta Mail finds its stream provider first. */
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  /** Angus Mail's stream provider, the one its service file names. */
  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  private Main() {}

  public static void main(String[] args) {
    // ical4j's time-zone provider logs while logback is still starting (logback's date pattern
    // loads the zone providers), and SLF4J then prints a three-line "replay" warning on every
    // command. The replayed lines themselves still reach the log.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader on every message parsed or
    // built and every encoded word decoded (jakartaee/mail-api#861), scanning the class path each
    // time: a third of a pass's CPU in a burst of mail. Named here, it is found by class name.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
    }
    int code =
        AfterhoursCommand.commandLine(
                Clock.systemUTC(), System.getenv(), SettingsLoader.systemProperties())
            .execute(args);
    System.exit(code);
  }
}
