package io.afterhours.cli;

import io.afterhours.config.InvalidConfigException;
import io.afterhours.config.Settings;
import io.afterhours.daemon.HttpEndpoint;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.daemon.Metrics;
import io.afterhours.daemon.QuartzDaemon;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afterhours run}: the daemon, until SIGTERM or SIGINT; SIGHUP reloads the config. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "The daemon: watches every mailbox, polling every poll-interval, until SIGTERM or SIGINT.",
      "On TERM or INT it finishes the message in hand, closes its connections and exits 0.",
      "On HUP, or when the config file or a template changes, it reloads the config;",
      "an invalid one is reported and the running one kept."
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @ParentCommand AfterhoursCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "decide and log only; send and record nothing")
  boolean dryRun;

  /** The daemon of the config now in force; a reload replaces it. */
  private final AtomicReference<QuartzDaemon> running = new AtomicReference<>();

  /** One for the life of the process, handed to each reload's daemon: counters never restart. */
  private Metrics metrics;

  private HttpEndpoint http;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Settings settings = root.loadSettings();
    settings.requireServerSettings();
    if (settings.mailboxes().isEmpty()) {
      err.println(settings.source() + ": mailboxes: none configured; nothing to watch");
      return AfterhoursCommand.INVALID;
    }
    Signals signals = Signals.listen("TERM", "INT", "HUP");
    // Watch before starting, so that no edit made once the daemon runs goes unseen.
    try (Metrics processMetrics = processMetrics();
        ConfigWatcher watcher = watch(settings, signals)) {
      metrics = processMetrics;
      try {
        start(settings);
      } catch (Mailboxes.TemplatesInvalid e) {
        e.problems().forEach(err::println);
        return AfterhoursCommand.INVALID;
      } catch (QuartzDaemon.MailboxHeldException e) {
        err.println("afterhours: " + e.getMessage());
        return AfterhoursCommand.WORK_FAILED;
      }
      // Fallback for exits the signal handlers do not see; stop() does its work only once.
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> running.get().stop(), "afterhours-shutdown"));
      while (true) {
        String signal = signals.next();
        if (signal.equals("TERM") || signal.equals("INT")) {
          LOG.info("received SIG{}", signal);
          running.get().stop();
          if (http != null) {
            http.close();
          }
          return AfterhoursCommand.OK;
        }
        LOG.info(
            "{}: reloading {}",
            signal.equals("HUP") ? "received SIGHUP" : "the configuration changed",
            root.configFile());
        reload(watcher);
      }
    }
  }

  private static Metrics processMetrics() throws IOException {
    Properties build = VersionProvider.build();
    String version = build.getProperty("version", "").strip();
    return Metrics.ofProcess(
        version.isEmpty() ? "development" : version, build.getProperty("commit", "").strip());
  }

  /** Starts the daemon for {@code settings}; it runs from now on. */
  private void start(Settings settings) throws Exception {
    Mailboxes mailboxes = Mailboxes.open(settings, root.clock(), dryRun, "run", metrics);
    QuartzDaemon daemon =
        new QuartzDaemon(
            mailboxes,
            settings.pollInterval(),
            settings.idle(),
            settings.clusterEnabled(),
            root.clock());
    try {
      daemon.start();
    } catch (QuartzDaemon.MailboxHeldException | RuntimeException e) {
      mailboxes.close();
      throw e;
    }
    running.set(daemon);
    serveHttp(settings.httpPort());
  }

  /**
   * Serves the http endpoint on {@code port} (none for 0), about whichever daemon runs: it stays up
   * across a reload that keeps the port.
   */
  private void serveHttp(int port) throws IOException {
    if (http != null && http.port() == port) {
      return;
    }
    if (http != null) {
      http.close();
      http = null;
    }
    if (port > 0) {
      http =
          HttpEndpoint.start(
              port, metrics, () -> running.get().mailboxStates(), () -> running.get().alive());
    }
  }

  /** Watches the config file and every template folder, posting "CHANGE" on an edit. */
  private ConfigWatcher watch(Settings settings, Signals signals) throws IOException {
    return ConfigWatcher.start(root.configFile(), templateFolders(settings), signals::post);
  }

  private static List<Path> templateFolders(Settings settings) {
    return Stream.concat(
            Stream.of(settings.office()), settings.mailboxes().stream().map(m -> m.office()))
        .map(o -> o.templates().toAbsolutePath())
        .distinct()
        .toList();
  }

  /** Starts a new daemon when the config reloads cleanly; else keeps the running one, untouched. */
  private void reload(ConfigWatcher watcher) throws Exception {
    Settings next;
    try {
      next = root.loadSettings();
      next.requireServerSettings();
    } catch (InvalidConfigException e) {
      e.problems().forEach(p -> LOG.error("{}", p));
      LOG.error("the new configuration is invalid; keeping the running one");
      return;
    }
    List<String> problems = CheckCommand.templateProblems(next);
    if (!problems.isEmpty() || next.mailboxes().isEmpty()) {
      problems.forEach(p -> LOG.error("{}", p));
      LOG.error(
          "the new configuration cannot run (templates or mailboxes); keeping the running one");
      return;
    }
    running.get().stop();
    start(next);
    watcher.follow(templateFolders(next));
    LOG.info("configuration reloaded: {} mailbox(es)", next.mailboxes().size());
  }
}
