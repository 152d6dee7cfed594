package io.afterhours.config;

import com.typesafe.config.Config;
import io.afterhours.mail.InsecureConnectionException;
import io.afterhours.mail.Secret;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a mailbox's {@code imap} or {@code smtp} block: where the server is, how the connection is
 * protected, and whether and how to log in. The IMAP server always gets a login; an SMTP block
 * without a password does not log in (a relay that trusts this machine's address, like Postfix's
 * {@code mynetworks}).
 */
final class ServerReader {
  private static final List<String> OTHER_SECRETS =
      List.of("password-file", "password-command", "oauth2.token-command");

  private final PathResolver paths;
  private final WrittenValues written;
  private final Problems serverProblems;

  /**
   * @param written the file as written, to tell an unset {@code ${?VARIABLE}} password from none
   * @param serverProblems gets what only matters when connecting (an empty password, plain text off
   *     the loopback): {@code check}, {@code once} and {@code run} refuse them, while {@code
   *     preview} and {@code schedule} can still read the config
   */
  ServerReader(PathResolver paths, WrittenValues written, Problems serverProblems) {
    this.paths = paths;
    this.written = written;
    this.serverProblems = serverProblems;
  }

  /**
   * The {@code imap} or {@code smtp} block of mailbox {@code index}; empty when it cannot be used,
   * the problems recorded.
   */
  Optional<ServerSettings> read(
      ConfigReader mailbox, int index, String block, int defaultPort, String address) {
    Optional<Config> config = mailbox.object(block);
    if (config.isEmpty()) {
      mailbox.problem(
          block, "is missing: say where the " + block.toUpperCase(Locale.ROOT) + " server is");
      return Optional.empty();
    }
    ConfigReader in = mailbox.child(config.get(), mailbox.key(block) + ".");
    Optional<String> host = in.requiredString("host");
    Security security = security(in, block);
    int fallbackPort = security == Security.TLS ? defaultPort : block.equals("imap") ? 143 : 587;
    int port = in.integer("port", fallbackPort);
    if (port < 1 || port > 65535) {
      in.problem("port", port + " is not a port number (1–65535)");
      return Optional.empty();
    }
    Optional<Path> trust =
        in.string("trust-file", "").isBlank()
            ? Optional.empty()
            : Optional.of(paths.resolve(in.string("trust-file", "")));
    Secret secret = secret(in);
    List<String> variables =
        written
            .inMailbox(index, block, "password")
            .map(WrittenValues::substitutions)
            .orElse(List.of());
    boolean login = block.equals("imap") || hasPassword(in) || !variables.isEmpty();
    if (login) {
      checkPassword(in, block, variables);
    } else if (in.has("user") && !in.string("user", "").isBlank()) {
      serverProblem(
          in,
          "user",
          "is set, but no password is given: add password (or password-file, password-command,"
              + " oauth2.token-command), or remove user to send without logging in, through a"
              + " server that relays for this machine's address");
    }
    String user = login ? in.string("user", address).trim() : "";
    return host.map(
        h -> {
          ServerSettings settings =
              new ServerSettings(
                  h, port, security, user, secret, trust, in.bool("allow-insecure", false));
          if (settings.isRefusedAsInsecure()) {
            serverProblem(
                in,
                "security",
                "none to " + settings.endpoint() + " " + InsecureConnectionException.refusal());
          }
          return settings;
        });
  }

  /**
   * A server that wants a login needs a password that is not empty: an IMAP server always, an SMTP
   * server when the block gives one (an unset {@code ${?VARIABLE}} included).
   */
  private void checkPassword(ConfigReader in, String block, List<String> variables) {
    if (OTHER_SECRETS.stream().anyMatch(k -> !in.string(k, "").isBlank())) {
      return; // read when connecting; a file or command cannot be judged now
    }
    if (!variables.isEmpty() && in.string("password", "").isEmpty()) {
      serverProblem(
          in,
          "password",
          "is empty: "
              + written.whyEmpty(variables)
              + "; set it where afterhours runs (for the service, in /etc/afterhours/environment),"
              + " or use password-file");
    } else if (!in.has("password")) {
      serverProblem(
          in,
          "password",
          "is missing: the "
              + block.toUpperCase(Locale.ROOT)
              + " server needs a login; give password, password-file, password-command or"
              + " oauth2.token-command");
    } else if (in.string("password", "").isEmpty()) {
      serverProblem(in, "password", "is empty, and the IMAP server needs a login");
    }
  }

  private static boolean hasPassword(ConfigReader in) {
    return !in.string("password", "").isEmpty()
        || OTHER_SECRETS.stream().anyMatch(k -> !in.string(k, "").isBlank());
  }

  private void serverProblem(ConfigReader in, String path, String message) {
    serverProblems.add(in.origin(path), in.key(path), message);
  }

  private static Security security(ConfigReader in, String block) {
    String text = in.string("security", block.equals("imap") ? "tls" : "starttls").trim();
    try {
      return Security.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      in.problem("security", "\"" + text + "\" is not one of tls, starttls, none");
      return Security.TLS;
    }
  }

  private Secret secret(ConfigReader in) {
    List<Secret> found = new ArrayList<>();
    if (in.has("password")) {
      found.add(Secret.of(in.string("password", "")));
    }
    if (!in.string("password-file", "").isBlank()) {
      Path file = paths.resolve(in.string("password-file", ""));
      found.add(Secret.from(() -> SecretSources.firstLineOf(file)));
    }
    if (!in.string("password-command", "").isBlank()) {
      String command = in.string("password-command", "");
      found.add(Secret.from(() -> SecretSources.outputOf(command)));
    }
    if (!in.string("oauth2.token-command", "").isBlank()) {
      String command = in.string("oauth2.token-command", "");
      found.add(Secret.oauth2Token(() -> SecretSources.outputOf(command)));
    }
    if (found.size() > 1) {
      in.problem(
          "password",
          "give only one of password, password-file, password-command, oauth2.token-command");
    }
    return found.isEmpty() ? Secret.none() : found.get(0);
  }
}
