package io.afterhours.sieve;

import io.afterhours.config.InvalidConfigException;
import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.responder.TemplateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Configs for the Sieve tests: the sample, or one written to a folder with the sample templates.
 */
public final class SieveConfigs {
  /** Friday 27 November 2026, 13:00 in Jakarta: the office is open. */
  public static final Instant FRIDAY_AFTERNOON = Instant.parse("2026-11-27T06:00:00Z");

  public static final Path SAMPLE = Path.of("config/afterhours.conf");

  private SieveConfigs() {}

  public static Settings load(Path config, Instant now) {
    try {
      return new SettingsLoader(Clock.fixed(now, ZoneOffset.UTC)).load(config);
    } catch (InvalidConfigException e) {
      throw new IllegalArgumentException(e.problems().toString(), e);
    }
  }

  public static MailboxSettings mailbox(Path config, Instant now) {
    return load(config, now).mailboxes().get(0);
  }

  public static TemplateCatalog templates(MailboxSettings mailbox) {
    try {
      return TemplateFiles.load(mailbox.office());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script for {@code config} made at {@code now}, as a server without vacation-seconds. */
  public static String script(Path config, Instant now) {
    MailboxSettings mailbox = mailbox(config, now);
    return new SieveGenerator(mailbox, templates(mailbox), "afterhours test", config.toString())
        .generate(now)
        .text();
  }

  /**
   * Writes {@code afterhours.conf} into {@code dir} with the sample templates beside it: the {@code
   * body} goes inside {@code afterhours { … }} before one mailbox, me@example.com.
   */
  public static Path write(Path dir, String body) {
    return write(dir, body, "");
  }

  /** As {@link #write(Path, String)}, with {@code mailboxExtra} inside the mailbox block. */
  public static Path write(Path dir, String body, String mailboxExtra) {
    return writeWithMailbox(
        dir,
        body,
        "name = \"work\", address = \"me@example.com\", display-name = \"Studio\"\n"
            + "    imap { host = \"127.0.0.1\", port = 143, security = none, user = \"me\","
            + " password = \"secret\" }\n"
            + "    smtp { host = \"127.0.0.1\", port = 25, security = none }\n"
            + mailboxExtra);
  }

  /** {@code afterhours.conf} in {@code dir}: {@code body}, then one mailbox block as given. */
  public static Path writeWithMailbox(Path dir, String body, String mailbox) {
    try {
      Path templates = dir.resolve("templates");
      Files.createDirectories(templates);
      try (Stream<Path> files = Files.list(Path.of("config/templates"))) {
        for (Path f : files.toList()) {
          Files.copy(f, templates.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path config = dir.resolve("afterhours.conf");
      Files.writeString(
          config, "afterhours {\n" + body + "\n  mailboxes = [ {\n" + mailbox + "\n  } ]\n}\n");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An {@code hours} block with the same range every day, from {@code from} to {@code to} hours
   * away from {@code now} in {@code zone}: e.g. 3 and 5 make the office closed for the next three
   * hours, -3 and 3 make it open for the next three.
   */
  public static String hoursAround(Instant now, ZoneId zone, int from, int to) {
    LocalTime local = now.atZone(zone).toLocalTime().withSecond(0).withNano(0);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    String range = hhmm.format(local.plusHours(from)) + "-" + hhmm.format(local.plusHours(to));
    StringBuilder hours = new StringBuilder("hours {\n");
    for (DayOfWeek day : DayOfWeek.values()) {
      hours
          .append("  ")
          .append(day.name().toLowerCase(Locale.ROOT))
          .append(" = [\"")
          .append(range)
          .append("\"]\n");
    }
    return hours.append("}\n").toString();
  }
}
