package io.afterhours.cli;

import io.afterhours.config.HttpSettings;
import io.afterhours.config.InvalidConfigException;
import io.afterhours.config.Settings;
import io.afterhours.daemon.HttpEndpoint;
import io.afterhours.daemon.Mailboxes;
import io.afterhours.daemon.Metrics;
import io.afterhours.daemon.QuartzDaemon;
import io.afterhours.status.AccessToken;
import io.afterhours.status.DaemonStatus;
import io.afterhours.status.StatusPage;
import io.afterhours.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  /** The settings of the daemon that runs now, for the status page. */
  private final AtomicReference<Settings> current = new AtomicReference<>();

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
    current.set(settings);
    serveHttp(settings);
  }

  /**
   * Serves the http endpoint and the status page on {@code http.address} and {@code http.port}
   * (none for port 0), about whichever daemon runs: it stays up across a reload that keeps both.
   */
  private void serveHttp(Settings settings) throws IOException {
    HttpSettings wanted = settings.http();
    if (http != null && http.port() == wanted.port() && http.address().equals(wanted.address())) {
      return;
    }
    if (http != null) {
      http.close();
      http = null;
    }
    if (wanted.port() > 0) {
      StatusPage page =
          new StatusPage(
              new DaemonStatus(running::get, current::get, root.clock()),
              InetAddress.getByName(wanted.address()).isLoopbackAddress(),
              token(settings));
      http =
          HttpEndpoint.start(
              wanted.address(),
              wanted.port(),
              metrics,
              () -> running.get().mailboxStates(),
              () -> running.get().alive(),
              Optional.of(page));
    }
  }

  /** The install's token; without one the page shows everything but changes nothing. */
  private static Optional<String> token(Settings settings) {
    try {
      return Optional.of(AccessToken.readOrCreate(settings));
    } catch (StoreException e) {
      LOG.warn("the status page cannot change the away switch: {}", e.getMessage());
      return Optional.empty();
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
