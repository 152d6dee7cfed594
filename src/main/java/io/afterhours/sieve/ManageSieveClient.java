package io.afterhours.sieve;

import io.afterhours.mail.MailSessions;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import io.afterhours.mail.TrustFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ManageSieve client (RFC 5804): TLS or required STARTTLS with the server's certificate and host
 * name checked, SASL PLAIN (or OAUTHBEARER/XOAUTH2 with an access token, see {@link SaslLogin}),
 * then LISTSCRIPTS, GETSCRIPT, HAVESPACE, PUTSCRIPT, SETACTIVE and DELETESCRIPT. A plain connection
 * is refused unless it stays on this machine or the mailbox allows it, as for IMAP and SMTP; the
 * password never crosses the network in clear otherwise.
 *
 * <p>Written here because the one Java ManageSieve library on Maven Central (ManageSieveJ 0.3.1,
 * 2020) is unmaintained and checks only the certificate's common name.
 */
public final class ManageSieveClient implements SieveServer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManageSieveClient.class);
  private static final int TIMEOUT_MILLIS = 30_000;

  private final String mailbox;
  private final ServerSettings settings;
  private Socket socket;
  private ManageSieveWire wire;
  private Map<String, String> capabilities = Map.of();

  private ManageSieveClient(String mailbox, ServerSettings settings) {
    this.mailbox = mailbox;
    this.settings = settings;
  }

  /**
   * Connects, secures the connection as {@code settings.security()} says, and logs in.
   *
   * @throws SieveServerException when the server cannot be reached, refuses the login, or offers no
   *     way to log in safely
   */
  public static ManageSieveClient connect(String mailbox, ServerSettings settings) {
    ManageSieveClient client = new ManageSieveClient(mailbox, settings);
    if (settings.security() == Security.NONE
        && !settings.allowInsecure()
        && !MailSessions.isLoopback(settings.host())) {
      throw new SieveServerException(
          client.server()
              + " has security = none, which is refused for a host that is not the loopback;"
              + " use starttls or tls in the sieve block, or set allow-insecure = true");
    }
    try {
      client.open();
      client.login();
      return client;
    } catch (IOException e) {
      client.closeQuietly();
      throw new SieveServerException(client.where() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      client.closeQuietly();
      throw e;
    }
  }

  private void open() throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(settings.host(), settings.port()), TIMEOUT_MILLIS);
    plain.setSoTimeout(TIMEOUT_MILLIS);
    socket = settings.security() == Security.TLS ? tls(plain) : plain;
    streams();
    capabilities = capabilities(wire.readResponse());
    if (settings.security() == Security.STARTTLS) {
      if (!capabilities.containsKey("STARTTLS")) {
        throw new SieveServerException(
            server()
                + " does not offer STARTTLS, which security = starttls requires; nothing was sent");
      }
      wire.send("STARTTLS");
      expectOk(wire.readResponse(), "STARTTLS");
      socket = tls(socket);
      streams();
      // RFC 5804 §2.2: after TLS the server sends its capabilities again, perhaps other ones.
      capabilities = capabilities(wire.readResponse());
    }
  }

  private SSLSocket tls(Socket under) throws IOException {
    SSLSocketFactory factory =
        settings
            .trustFile()
            .map(TrustFiles::socketFactory)
            .orElse((SSLSocketFactory) SSLSocketFactory.getDefault());
    SSLSocket ssl = (SSLSocket) factory.createSocket(under, settings.host(), settings.port(), true);
    SSLParameters parameters = ssl.getSSLParameters();
    // The certificate must name the host we asked for (RFC 5804 §2.2, RFC 6125).
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    ssl.setSSLParameters(parameters);
    ssl.startHandshake();
    return ssl;
  }

  private void streams() throws IOException {
    wire =
        new ManageSieveWire(
            new BufferedInputStream(socket.getInputStream()),
            new BufferedOutputStream(socket.getOutputStream()));
  }

  private void login() throws IOException {
    Set<String> mechanisms = words(capabilities.getOrDefault("SASL", "").toUpperCase(Locale.ROOT));
    SaslLogin login =
        SaslLogin.choose(mechanisms, settings.user(), settings.password())
            .orElseThrow(
                () ->
                    new SieveServerException(
                        server()
                            + (settings.password().isOAuth2Token()
                                ? " takes no OAuth2 token"
                                : " offers no PLAIN login")
                            + " (it offers SASL "
                            + String.join(" ", mechanisms)
                            + ")"));
    authenticate(login.mechanism(), login.initialResponse());
    wire.send("CAPABILITY");
    capabilities = capabilities(wire.readResponse());
  }

  private void authenticate(String mechanism, String initialResponse) throws IOException {
    log.debug("mailbox={} managesieve AUTHENTICATE {} as {}", mailbox, mechanism, settings.user());
    String encoded =
        Base64.getEncoder().encodeToString(initialResponse.getBytes(StandardCharsets.UTF_8));
    wire.send("AUTHENTICATE", mechanism, encoded);
    ManageSieveWire.Response response = wire.readResponse();
    if (!response.ok()) {
      throw new SieveServerException(
          server() + " refused the login of " + settings.user() + ": " + response.describe());
    }
  }

  @Override
  public Set<String> extensions() {
    return words(capabilities.getOrDefault("SIEVE", "")).stream()
        .map(w -> w.toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  @Override
  public List<StoredScript> listScripts() {
    ManageSieveWire.Response response = command("LISTSCRIPTS");
    List<StoredScript> scripts = new ArrayList<>();
    for (List<ManageSieveWire.Token> line : response.data()) {
      if (!line.isEmpty() && line.get(0).kind() == ManageSieveWire.Token.Kind.STRING) {
        boolean active = line.size() > 1 && line.get(1).isAtom("ACTIVE");
        scripts.add(new StoredScript(line.get(0).text(), active));
      }
    }
    return scripts;
  }

  @Override
  public String getScript(String name) {
    return ManageSieveWire.firstString(command("GETSCRIPT", name).data()).orElse("");
  }

  @Override
  public boolean haveSpace(String name, long bytes) {
    ManageSieveWire.Response response = send("HAVESPACE", name, bytes);
    if (response.ok()) {
      return true;
    }
    if (response.code().toUpperCase(Locale.ROOT).startsWith("QUOTA")) {
      return false;
    }
    throw refused("HAVESPACE \"" + name + "\"", response);
  }

  @Override
  public void putScript(String name, String text) {
    log.debug("mailbox={} managesieve PUTSCRIPT \"{}\" ({} chars)", mailbox, name, text.length());
    command("PUTSCRIPT", name, text);
  }

  @Override
  public void setActive(String name) {
    command("SETACTIVE", name);
  }

  @Override
  public void deleteScript(String name) {
    command("DELETESCRIPT", name);
  }

  private ManageSieveWire.Response command(String command, Object... arguments) {
    ManageSieveWire.Response response = send(command, arguments);
    if (!response.ok()) {
      String what = arguments.length == 0 ? command : command + " \"" + arguments[0] + "\"";
      throw refused(what, response);
    }
    return response;
  }

  private ManageSieveWire.Response send(String command, Object... arguments) {
    try {
      log.debug("mailbox={} managesieve {}", mailbox, command);
      wire.send(command, arguments);
      return wire.readResponse();
    } catch (IOException e) {
      throw new SieveServerException(where() + ": " + command + ": " + e.getMessage(), e);
    }
  }

  private SieveServerException refused(String what, ManageSieveWire.Response response) {
    return new SieveServerException(server() + " refused " + what + ": " + response.describe());
  }

  private static void expectOk(ManageSieveWire.Response response, String what) throws IOException {
    if (!response.ok()) {
      throw new IOException(what + " failed: " + response.describe());
    }
  }

  /** The capability lines of a greeting or CAPABILITY response, by upper-case name. */
  private static Map<String, String> capabilities(ManageSieveWire.Response response)
      throws IOException {
    if (!response.ok()) {
      throw new IOException("the server is not ready: " + response.describe());
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (List<ManageSieveWire.Token> line : response.data()) {
      if (!line.isEmpty()) {
        String value = line.size() > 1 ? line.get(1).text() : "";
        found.put(line.get(0).text().toUpperCase(Locale.ROOT), value);
      }
    }
    return found;
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String w : text.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /** "mailbox work: ManageSieve server sieve.example.com:4190", to start a message. */
  private String server() {
    return "mailbox " + mailbox + ": ManageSieve server " + settings.endpoint();
  }

  /** "mailbox work: ManageSieve sieve.example.com:4190". */
  private String where() {
    return "mailbox " + mailbox + ": ManageSieve " + settings.endpoint();
  }

  @Override
  public void close() {
    if (socket == null || socket.isClosed()) {
      return;
    }
    try {
      wire.send("LOGOUT");
      wire.readResponse();
    } catch (IOException e) {
      log.debug("mailbox={} managesieve LOGOUT: {}", mailbox, e.getMessage());
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      log.debug("mailbox={} managesieve close: {}", mailbox, e.getMessage());
    }
  }
}
