package io.afterhours.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints. */
final class Cli {
  final int exitCode;
  final String out;
  final String err;

  private Cli(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** Friday 27 November 2026, 13:00 in Jakarta. */
  static final Clock FRIDAY_AFTERNOON =
      Clock.fixed(Instant.parse("2026-11-27T06:00:00Z"), ZoneOffset.UTC);

  static Cli run(String... args) {
    return run(FRIDAY_AFTERNOON, Map.of(), args);
  }

  static Cli run(Clock clock, Map<String, String> env, String... args) {
    return run(clock, env, Map.of(), args);
  }

  /** With these Java system properties, as {@code -Dname=value} gives them to the real command. */
  static Cli run(
      Clock clock, Map<String, String> env, Map<String, String> systemProperties, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = AfterhoursCommand.commandLine(clock, env, systemProperties);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit=" + exitCode + "\nout=" + out + "\nerr=" + err;
  }
}
