package io.afterhours;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.Properties;

/**
 * The operator's log, set up in code: one line per event on standard error, so that a command's
 * output (JSON too) stays clean on standard output; afterhours' own loggers at INFO, or at the
 * level of {@code AFTERHOURS_LOG_LEVEL} (DEBUG for protocol detail), everything else at WARN.
 *
 * <p>Logback finds this class through its service file before it looks for a configuration file.
 * Read from XML, the same three lines cost about a tenth of a second of every start (Logback's XML
 * configurator and the parser it loads, some 600 classes). A configuration file still wins: one
 * named by {@code -Dlogback.configurationFile}, or a {@code logback.xml} or {@code
 * logback-test.xml} on the class path (the tests have one).
 */
public final class OperatorLog extends ContextAwareBase implements Configurator {
  /** Each line: time with offset, level, thread, logger's simple name, message. */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSxxx} %-5level [%thread] %logger{0} - %msg%n";

  /** The environment variable (or system property) with the level of afterhours' own loggers. */
  static final String LEVEL_VARIABLE = "AFTERHOURS_LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (aConfigurationFileIsGiven(System.getProperties())) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configure(context, System.getProperties(), System.getenv());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  static boolean aConfigurationFileIsGiven(Properties systemProperties) {
    ClassLoader loader = OperatorLog.class.getClassLoader();
    return systemProperties.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null;
  }

  /** Sets up {@code context} as the class comment says; the level is looked up as Logback would. */
  static void configure(
      LoggerContext context, Properties systemProperties, Map<String, String> env) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    String level = systemProperties.getProperty(LEVEL_VARIABLE, env.get(LEVEL_VARIABLE));
    context.getLogger("io.afterhours").setLevel(Level.toLevel(level, Level.INFO));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
  }
}
