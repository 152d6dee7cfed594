package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import io.afterhours.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the config file once, eagerly, into immutable records: system properties and {@code
 * CONFIG_FORCE_} environment variables over the user's file over {@code reference.conf} (see {@link
 * ConfigOverrides}), {@code ${?ENV}} substitutions resolved from the environment. Every problem is
 * collected and reported together with its file, line and key (or the property or variable that set
 * it); no {@link Config} leaves this package.
 */
public final class SettingsLoader {
  private final Clock clock;
  private final Path workingDir;
  private final Map<String, String> env;
  private final Map<String, String> systemProperties;

  /** Reads this process's environment and system properties. */
  public SettingsLoader(Clock clock) {
    this(clock, System.getenv(), systemProperties());
  }

  /**
   * @param env the environment: {@code ${?NAME}} substitutions and {@code CONFIG_FORCE_} overrides
   * @param systemProperties {@code afterhours.*} properties override the file's settings
   */
  public SettingsLoader(
      Clock clock, Map<String, String> env, Map<String, String> systemProperties) {
    this(clock, Path.of("").toAbsolutePath(), env, systemProperties);
  }

  SettingsLoader(Clock clock, Path workingDir) {
    this(clock, workingDir, System.getenv(), Map.of());
  }

  SettingsLoader(
      Clock clock, Path workingDir, Map<String, String> env, Map<String, String> systemProperties) {
    this.clock = clock;
    this.workingDir = workingDir;
    this.env = Map.copyOf(env);
    this.systemProperties = Map.copyOf(systemProperties);
  }

  /** This JVM's system properties, as text. */
  public static Map<String, String> systemProperties() {
    Properties properties = System.getProperties();
    Map<String, String> copy = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      copy.put(name, properties.getProperty(name));
    }
    return copy;
  }

  public Settings load(Path file) throws InvalidConfigException {
    Problems problems = new Problems(file.toString());
    if (!Files.isRegularFile(file)) {
      problems.addFileProblem(
          "no such config file (give one with --config or AFTERHOURS_CONFIG; "
              + "config/afterhours.conf is the sample)");
      problems.throwIfAny();
    }
    Config reference = ConfigFactory.parseResources(SettingsLoader.class, "/reference.conf");
    Config overrides = ConfigOverrides.read(systemProperties, env, reference, problems);
    Config user;
    Config resolved;
    try {
      user =
          ConfigFactory.parseFile(
              file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      // The environment is the last fallback, where ${?NAME} finds what the config does not hold,
      // as Typesafe Config's own lookup in the process environment would.
      resolved =
          overrides
              .withFallback(user)
              .withFallback(reference)
              .withFallback(ConfigValueFactory.fromMap(env, "the environment"))
              .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    } catch (ConfigException e) {
      problems.add(e.origin(), "", plain(e));
      throw new InvalidConfigException(problems.asList());
    }
    KnownKeys known = new KnownKeys(reference, problems);
    known.check(user);
    known.check(overrides);
    Config afterhours = resolved.getConfig("afterhours");
    Path configDir = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(workingDir);
    PathResolver paths = new PathResolver(configDir, workingDir);
    ConfigReader in = new ConfigReader(afterhours, "", problems);
    OfficeReader offices = new OfficeReader(clock, paths);
    OfficeSettings office = offices.read(in).orElseThrow();
    Problems serverProblems = new Problems(file.toString());
    List<MailboxSettings> mailboxes =
        new MailboxReader(
                offices, new ServerReader(paths, new WrittenValues(user, env), serverProblems))
            .read(in, afterhours, office);
    Duration poll = in.duration("poll-interval", Duration.ofSeconds(60));
    if (poll.compareTo(Duration.ofSeconds(1)) < 0) {
      in.problem("poll-interval", "must be at least 1s");
    }
    String storeUser = in.string("store.user", "");
    String password = in.string("store.password", "");
    StoreSettings store =
        new StoreSettings(
            in.string("store.url", StoreSettings.DEFAULT_URL).trim(),
            Optional.of(storeUser).filter(s -> !s.isBlank()),
            Optional.of(password).filter(s -> !s.isEmpty()));
    Duration retention = in.duration("store.retention", Duration.ofDays(90));
    if (!store.url().startsWith("jdbc:h2:") && !store.url().startsWith("jdbc:postgresql:")) {
      in.problem(
          "store.url", "\"" + store.url() + "\" is neither a jdbc:h2: nor a jdbc:postgresql: URL");
    }
    checkRetention(in, retention, office, mailboxes);
    boolean cluster = in.bool("cluster.enabled", false);
    if (cluster && !store.url().startsWith("jdbc:postgresql:")) {
      in.problem(
          "cluster.enabled",
          "a cluster needs a PostgreSQL store (store.url = \"jdbc:postgresql://…\")");
    }
    HttpSettings http = http(in, paths);
    problems.throwIfAny();
    return new Settings(
        file,
        office,
        mailboxes,
        poll,
        in.bool("idle", true),
        store,
        retention,
        cluster,
        http,
        ConfigOverride.listed(overrides),
        serverProblems.asList());
  }

  /**
   * {@code http.port}, {@code http.address} (an IP address, 127.0.0.1 by default: the status page
   * changes state, so it stays on this machine unless the config says otherwise) and {@code
   * http.token-file}.
   */
  private static HttpSettings http(ConfigReader in, PathResolver paths) {
    int port = in.integer("http.port", 0);
    if (port < 0 || port > 65535) {
      in.problem("http.port", "must be 0 (no http) or a port from 1 to 65535, not " + port);
    }
    String address = in.string("http.address", HttpSettings.LOOPBACK).trim();
    if (!isIpAddress(address)) {
      in.problem(
          "http.address",
          "\"" + address + "\" is not an IP address like \"127.0.0.1\", \"::1\" or \"0.0.0.0\"");
      address = HttpSettings.LOOPBACK;
    }
    String tokenFile = in.string("http.token-file", "").trim();
    return new HttpSettings(
        port,
        address,
        tokenFile.isEmpty() ? Optional.empty() : Optional.of(paths.resolve(tokenFile)));
  }

  /** An IPv4 or IPv6 literal; a host name would need a lookup, and could bind elsewhere later. */
  private static boolean isIpAddress(String text) {
    if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return java.util.Arrays.stream(text.split("\\.")).allMatch(p -> Integer.parseInt(p) <= 255);
    }
    if (text.contains(":") && text.matches("[0-9A-Fa-f:.]+")) {
      try {
        return java.net.InetAddress.getByName(text) != null;
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  /** Replies are remembered for store.retention, so it must outlast every per-sender limit. */
  private static void checkRetention(
      ConfigReader in, Duration retention, OfficeSettings office, List<MailboxSettings> mailboxes) {
    Duration longest = Duration.ZERO;
    List<OfficeSettings> offices = new java.util.ArrayList<>(List.of(office));
    mailboxes.forEach(m -> offices.add(m.office()));
    for (OfficeSettings o : offices) {
      var policy = o.reply().policy();
      Duration hourlyLimit = policy.maxPerHour() > 0 ? Duration.ofHours(1) : Duration.ZERO;
      for (Duration d :
          List.of(
              policy.maxAge(),
              policy.minInterval(),
              policy.oncePer().orElse(Duration.ZERO),
              hourlyLimit)) {
        longest = d.compareTo(longest) > 0 ? d : longest;
      }
    }
    if (retention.compareTo(longest) < 0) {
      in.problem(
          "store.retention",
          "is shorter than reply.max-age, min-interval, once-per or the hour of max-per-hour ("
              + readable(longest)
              + "): replies would be forgotten while they still count");
    }
  }

  /** 3d, 12h or 90m: the largest whole unit, as the config file writes durations. */
  static String readable(Duration d) {
    if (d.toMinutes() % (24 * 60) == 0) {
      return d.toDays() + "d";
    }
    return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
  }

  /** Typesafe Config's message without its own "file: line:" prefix, which we print ourselves. */
  private static String plain(ConfigException e) {
    String message = e.getMessage();
    int colon = message.indexOf(": ", message.indexOf(':') + 1);
    return e.origin() != null && colon > 0 ? message.substring(colon + 2) : message;
  }
}
