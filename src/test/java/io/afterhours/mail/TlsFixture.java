package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A self-signed certificate made out to {@value #NAME} only, never to 127.0.0.1, where the tests'
 * servers are: connecting to 127.0.0.1 with it in the trust file is a wrong host name; without the
 * trust file, an untrusted certificate. Public for the command-line tests.
 */
public final class TlsFixture {
  static final String NAME = "mail.example.test";

  /** The keystore's and the key's password. */
  public static final String PASSWORD = "changeit";

  final Path keystore;

  /** The certificate as PEM: what a {@code trust-file} holds. */
  final Path certificate;

  private TlsFixture(Path keystore, Path certificate) {
    this.keystore = keystore;
    this.certificate = certificate;
  }

  public static TlsFixture create(Path dir) throws Exception {
    return create(dir, NAME, "dns:" + NAME);
  }

  /**
   * A self-signed certificate for {@code commonName} with the subject alternative name {@code san}
   * ({@code ip:127.0.0.1}, {@code dns:host}), in {@code dir}.
   */
  public static TlsFixture create(Path dir, String commonName, String san) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path pem = dir.resolve("server.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=" + commonName,
        "-ext",
        "SAN=" + san,
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        pem.toString());
    return new TlsFixture(keystore, pem);
  }

  /**
   * A server that speaks TLS from the first byte with this certificate, as IMAPS and SMTPS ports do
   * (GreenMail's TLS ports take their certificate once per JVM, so tests cannot choose it). After
   * the handshake it waits for the client to hang up.
   */
  public HandMadeServer implicitTls() throws IOException {
    return new HandMadeServer(
        (connection, index) -> {
          SSLSocket tls = serverTls(connection);
          tls.startHandshake();
          tls.getInputStream().read();
        });
  }

  /** The keystore (PKCS12, {@link #PASSWORD}), for a server that reads its own. */
  public Path keystore() {
    return keystore;
  }

  /** The certificate as PEM: what a {@code trust-file} holds. */
  public Path certificate() {
    return certificate;
  }

  /** A server-side TLS context with this certificate. */
  public SSLContext serverContext() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** Turns an accepted plain connection into the server side of TLS with this certificate. */
  SSLSocket serverTls(Socket plain) throws Exception {
    SSLSocket tls =
        (SSLSocket)
            serverContext().getSocketFactory().createSocket(plain, null, plain.getPort(), false);
    tls.setUseClientMode(false);
    return tls;
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
