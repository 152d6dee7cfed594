package io.afterhours;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OperatorLogTest {
  @Test
  void afterhoursLogsAtInfoAndTheRestAtWarnOnStandardError() {
    LoggerContext context = new LoggerContext();
    OperatorLog.configure(context, new Properties(), Map.of());

    assertThat(context.getLogger("io.afterhours.daemon.Mailboxes").getEffectiveLevel())
        .isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.h2.Driver").getEffectiveLevel()).isEqualTo(Level.WARN);
    Appender<ILoggingEvent> appender =
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<ILoggingEvent>) appender).getTarget()).isEqualTo("System.err");
  }

  @Test
  void eachLineHasTheTimeWithItsOffsetTheLevelTheThreadAndTheLoggersSimpleName() {
    LoggerContext context = new LoggerContext();
    OperatorLog.configure(context, new Properties(), Map.of());
    ConsoleAppender<ILoggingEvent> appender =
        (ConsoleAppender<ILoggingEvent>)
            context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    Logger logger = context.getLogger("io.afterhours.daemon.Mailboxes");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "mailbox={} pass done",
            null,
            new Object[] {"m1"});
    event.setInstant(Instant.parse("2026-12-08T04:24:35.230Z"));
    event.setThreadName("main");

    String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line)
        .matches(
            "2026-12-08T\\d\\d:\\d\\d:35\\.230[+-]\\d\\d:\\d\\d INFO  \\[main\\] Mailboxes -"
                + " mailbox=m1 pass done\\R");
  }

  @Test
  void theLevelOfAfterhoursLoggersComesFromTheEnvironmentOrASystemProperty() {
    LoggerContext fromEnv = new LoggerContext();
    OperatorLog.configure(fromEnv, new Properties(), Map.of("AFTERHOURS_LOG_LEVEL", "DEBUG"));
    Properties debugAsProperty = new Properties();
    debugAsProperty.setProperty("AFTERHOURS_LOG_LEVEL", "TRACE");
    LoggerContext fromProperty = new LoggerContext();
    OperatorLog.configure(fromProperty, debugAsProperty, Map.of("AFTERHOURS_LOG_LEVEL", "DEBUG"));
    LoggerContext misspelt = new LoggerContext();
    OperatorLog.configure(misspelt, new Properties(), Map.of("AFTERHOURS_LOG_LEVEL", "LOUD"));

    assertThat(fromEnv.getLogger("io.afterhours.mail").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    assertThat(fromEnv.getLogger("org.quartz").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(fromProperty.getLogger("io.afterhours.mail").getEffectiveLevel())
        .isEqualTo(Level.TRACE);
    assertThat(misspelt.getLogger("io.afterhours.mail").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void aConfigurationFileNamedOrOnTheClassPathWins() {
    Properties named = new Properties();
    named.setProperty("logback.configurationFile", "/etc/afterhours/logback.xml");

    assertThat(OperatorLog.aConfigurationFileIsGiven(named)).isTrue();
    // The tests' own logback-test.xml is on this class path.
    assertThat(OperatorLog.aConfigurationFileIsGiven(new Properties())).isTrue();
    assertThat(OperatorLog.class.getClassLoader().getResource("logback.xml"))
        .as("the program's log is set up in code, not by a file of its own")
        .isNull();
  }

  @Test
  void logbackFindsItThroughItsServiceFile() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .containsExactly(OperatorLog.class);
  }
}
