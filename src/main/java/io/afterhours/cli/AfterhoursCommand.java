package io.afterhours.cli;

import io.afterhours.config.InvalidConfigException;
import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code afterhours} command and its global options. */
@Command(
    name = "afterhours",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "An email auto-responder that keeps your working hours (RFC 3834).",
    subcommands = {
      RunCommand.class,
      OnceCommand.class,
      CheckCommand.class,
      ScheduleCommand.class,
      PreviewCommand.class,
      HistoryCommand.class,
      DemoCommand.class,
      SieveCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:work failed", "2:bad usage or invalid configuration"})
public final class AfterhoursCommand implements Runnable {
  static final int OK = 0;
  static final int WORK_FAILED = 1;
  static final int INVALID = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "config file (default: $AFTERHOURS_CONFIG, else config/afterhours.conf)")
  Path config;

  private final Clock clock;
  private final Map<String, String> env;
  private final Map<String, String> systemProperties;

  /**
   * @param env the environment: AFTERHOURS_CONFIG, {@code ${?NAME}} in the config, and {@code
   *     CONFIG_FORCE_} overrides
   * @param systemProperties {@code -Dafterhours.…} overrides of the config file
   */
  public AfterhoursCommand(
      Clock clock, Map<String, String> env, Map<String, String> systemProperties) {
    this.clock = clock;
    this.env = env;
    this.systemProperties = systemProperties;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command, e.g. `afterhours preview`");
  }

  Clock clock() {
    return clock;
  }

  Map<String, String> env() {
    return env;
  }

  Path configFile() {
    if (config != null) {
      return config;
    }
    return Optional.ofNullable(env.get("AFTERHOURS_CONFIG"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElse(Path.of("config", "afterhours.conf"));
  }

  Settings loadSettings() throws InvalidConfigException {
    return new SettingsLoader(clock, env, systemProperties).load(configFile());
  }

  /** The command line without system properties: for the CLI tests, which share one JVM. */
  public static CommandLine commandLine(Clock clock, Map<String, String> env) {
    return commandLine(clock, env, Map.of());
  }

  /** Runs the command line and returns the exit code; used by {@code Main} and the CLI tests. */
  public static CommandLine commandLine(
      Clock clock, Map<String, String> env, Map<String, String> systemProperties) {
    CommandLine cli = new CommandLine(new AfterhoursCommand(clock, env, systemProperties));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InvalidConfigException invalid) {
            invalid.problems().forEach(p -> commandLine.getErr().println(p));
            commandLine
                .getErr()
                .println(
                    invalid.problems().size()
                        + (invalid.problems().size() == 1 ? " problem" : " problems")
                        + " found; nothing was done.");
            return INVALID;
          }
          commandLine.getErr().println("afterhours: " + e.getMessage());
          return WORK_FAILED;
        });
    return cli;
  }
}
