package io.afterhours.sieve;

import io.afterhours.config.MailboxSettings;
import io.afterhours.reply.TemplateCatalog;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a mailbox's Sieve script: its office hours, zone, holidays, away periods and replies for
 * the year after a given instant. Pure apart from the catalog it is given: the instant is an
 * argument, so the same config and instant always give the same script.
 */
public final class SieveGenerator {
  private final MailboxSettings mailbox;
  private final TemplateCatalog catalog;
  private final String generator;
  private final String source;

  /**
   * @param generator names the program in the script's header, e.g. "afterhours 0.1.0"
   * @param source the config file, for the header
   */
  public SieveGenerator(
      MailboxSettings mailbox, TemplateCatalog catalog, String generator, String source) {
    this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.generator = Objects.requireNonNull(generator, "generator");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * The script for the year from {@code from}.
   *
   * @param serverExtensions the Sieve extensions the server announces, or empty when unknown; with
   *     {@code vacation-seconds} among them a period of hours is written in seconds
   */
  public GeneratedScript generate(Instant from, Set<String> serverExtensions) {
    SievePlan plan = new SievePlanner(mailbox, catalog).plan(from);
    boolean seconds = serverExtensions.contains("vacation-seconds");
    String text =
        SieveScriptWriter.write(plan, new SieveScriptWriter.Origin(generator, source), seconds);
    return new GeneratedScript(
        text,
        SieveScriptWriter.extensions(plan, seconds),
        plan.validFrom(),
        plan.validUntil(),
        plan.zone(),
        plan.windows().size());
  }

  /** {@link #generate(Instant, Set)} for a server not yet known. */
  public GeneratedScript generate(Instant from) {
    return generate(from, Set.of());
  }

  /**
   * A generated script.
   *
   * @param extensions the Sieve extensions it requires
   * @param windows how many windows it holds
   */
  public record GeneratedScript(
      String text,
      List<String> extensions,
      Instant validFrom,
      Instant validUntil,
      ZoneId zone,
      int windows) {
    public GeneratedScript {
      Objects.requireNonNull(text, "text");
      extensions = List.copyOf(extensions);
    }

    /** The script's {@code require} line, as it stands in {@link #text}. */
    String requireLine() {
      return SieveScriptWriter.requireLine(extensions);
    }
  }
}
