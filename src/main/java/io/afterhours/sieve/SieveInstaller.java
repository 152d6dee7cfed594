package io.afterhours.sieve;

import io.afterhours.sieve.SieveGenerator.GeneratedScript;
import io.afterhours.sieve.SieveServer.StoredScript;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts afterhours' script on a Sieve server and takes it off again, without clobbering the owner's
 * own rules. A server runs one active script, so:
 *
 * <ul>
 *   <li>with no script of theirs active, ours ({@value MainScript#OURS}) becomes the active one;
 *   <li>with one active, it stays exactly as it is, and {@value MainScript#MAIN} becomes active: it
 *       runs theirs first, then ours (see {@link MainScript} for why in that order), and names
 *       theirs in a comment, so that {@link #remove} knows what to make active again with no state
 *       kept here.
 * </ul>
 *
 * A script of theirs that sends vacation replies or rejects mail is refused: one delivery with two
 * vacation actions, or a vacation and a reject, fails as a whole (Pigeonhole: "duplicate vacation
 * action not allowed"), and the failed delivery falls back to the inbox, dropping their filing too.
 */
public final class SieveInstaller {
  private static final Logger log = LoggerFactory.getLogger(SieveInstaller.class);
  private static final Set<String> CONFLICTING =
      Set.of("vacation", "vacation-seconds", "reject", "ereject");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final SieveServer server;
  private final String mailbox;

  public SieveInstaller(SieveServer server, String mailbox) {
    this.server = server;
    this.mailbox = mailbox;
  }

  /**
   * Uploads and activates our script, made for the server's extensions by {@code script}.
   *
   * @return what was done, one line each, ending with the script the server now runs
   * @throws SieveServerException when the server lacks an extension the script needs, the owner's
   *     script conflicts, there is no space, or the server refuses; nothing is activated then
   */
  public List<String> push(Function<Set<String>, GeneratedScript> script) {
    Set<String> extensions = server.extensions();
    GeneratedScript ours = script.apply(extensions);
    Set<String> missing = new TreeSet<>(ours.extensions());
    missing.removeAll(extensions);
    if (!missing.isEmpty()) {
      throw new SieveServerException(
          "the server's Sieve lacks "
              + String.join(", ", missing)
              + ", which the script needs; nothing was changed");
    }
    List<StoredScript> scripts = server.listScripts();
    Optional<String> theirs = theirScript(scripts);
    Optional<String> theirText = theirs.map(server::getScript);
    theirText.ifPresent(text -> refuseConflicts(theirs.get(), text));

    List<String> report = new ArrayList<>();
    long size = upload(MainScript.OURS, ours.text());
    report.add(
        "uploaded \""
            + MainScript.OURS
            + "\": "
            + size
            + " bytes, "
            + ours.windows()
            + " windows, valid until "
            + ISO.format(ours.validUntil().atZone(ours.zone())));
    if (theirs.isEmpty()) {
      server.setActive(MainScript.OURS);
      if (exists(scripts, MainScript.MAIN)) {
        server.deleteScript(MainScript.MAIN);
      }
      report.add("no script of yours was active, so \"" + MainScript.OURS + "\" runs alone");
    } else if (extensions.contains("include")) {
      upload(MainScript.MAIN, MainScript.including(mailbox, theirs.get()));
      server.setActive(MainScript.MAIN);
      report.add(
          "your script \""
              + theirs.get()
              + "\" is unchanged; \""
              + MainScript.MAIN
              + "\" runs it first, then \""
              + MainScript.OURS
              + "\"");
    } else {
      upload(
          MainScript.MAIN,
          MainScript.merged(
              mailbox, theirs.get(), theirText.orElseThrow(), ours.text(), ours.requireLine()));
      server.setActive(MainScript.MAIN);
      report.add(
          "the server has no include extension: \""
              + MainScript.MAIN
              + "\" holds a copy of your script \""
              + theirs.get()
              + "\" followed by afterhours' rules; push again after you change yours");
    }
    report.add(running());
    log.info("mailbox={} sieve push: {}", mailbox, String.join("; ", report));
    return report;
  }

  /**
   * Makes the owner's own script active again (the one {@value MainScript#MAIN} names), or none
   * when ours ran alone, then deletes our scripts. A script the owner has made active since is left
   * active.
   *
   * @return what was done, one line each, ending with the script the server now runs
   */
  public List<String> remove() {
    List<StoredScript> scripts = server.listScripts();
    Optional<String> active = activeName(scripts);
    List<String> report = new ArrayList<>();
    if (active.filter(MainScript.MAIN::equals).isPresent()) {
      Optional<String> theirs =
          MainScript.restoreTarget(server.getScript(MainScript.MAIN))
              .filter(name -> exists(scripts, name));
      server.setActive(theirs.orElse(""));
      report.add(
          theirs
              .map(name -> "made your script \"" + name + "\" active again")
              .orElse("deactivated \"" + MainScript.MAIN + "\"; no script of yours was left"));
    } else if (active.filter(MainScript.OURS::equals).isPresent()) {
      server.setActive("");
      report.add("deactivated \"" + MainScript.OURS + "\"");
    } else {
      report.add(
          active
              .map(name -> "left your active script \"" + name + "\" as it is")
              .orElse("no script was active"));
    }
    for (String name : List.of(MainScript.MAIN, MainScript.OURS)) {
      if (exists(scripts, name)) {
        server.deleteScript(name);
        report.add("deleted \"" + name + "\"");
      }
    }
    report.add(running());
    log.info("mailbox={} sieve remove: {}", mailbox, String.join("; ", report));
    return report;
  }

  /**
   * The owner's script to keep running: the active one, or the one our main script names when ours
   * is active already (a second push).
   */
  private Optional<String> theirScript(List<StoredScript> scripts) {
    Optional<String> active = activeName(scripts);
    if (active.isEmpty() || active.get().equals(MainScript.OURS)) {
      return Optional.empty();
    }
    if (active.get().equals(MainScript.MAIN)) {
      return MainScript.restoreTarget(server.getScript(MainScript.MAIN))
          .filter(name -> exists(scripts, name));
    }
    return active;
  }

  private static void refuseConflicts(String name, String text) {
    Set<String> conflicting = new TreeSet<>(SieveRequires.of(text));
    conflicting.retainAll(CONFLICTING);
    if (!conflicting.isEmpty()) {
      throw new SieveServerException(
          "your active script \""
              + name
              + "\" uses "
              + String.join(", ", conflicting)
              + ": with afterhours' vacation reply in the same delivery the server would fail it"
              + " (only one response to the sender is allowed) and file the message in the inbox,"
              + " skipping your rules. Remove the vacation or reject from it, or turn it off;"
              + " nothing was changed");
    }
  }

  /** Stores {@code text} with CRLF line ends (RFC 5228 §2.2) after HAVESPACE; its size. */
  private long upload(String name, String text) {
    String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
    long size = bytes(crlf);
    if (!server.haveSpace(name, size)) {
      throw new SieveServerException(
          "the server has no space for \""
              + name
              + "\" ("
              + size
              + " bytes); nothing was activated");
    }
    server.putScript(name, crlf);
    return size;
  }

  private String running() {
    return activeName(server.listScripts())
        .map(name -> "the server now runs: " + name)
        .orElse("the server now runs no script");
  }

  private static Optional<String> activeName(List<StoredScript> scripts) {
    return scripts.stream().filter(StoredScript::active).map(StoredScript::name).findFirst();
  }

  private static boolean exists(List<StoredScript> scripts, String name) {
    return scripts.stream().anyMatch(s -> s.name().equals(name));
  }

  private static long bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
