package io.afterhours.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS socket factory of every mail session: it trusts the JDK's certificate authorities, plus
 * the certificates of a {@code trust-file} when there is one (PEM, one or more {@code BEGIN
 * CERTIFICATE} blocks, or a JKS/PKCS12 keystore without password). Host names are still checked, by
 * the JDK as Jakarta Mail asks ({@code ssl.checkserveridentity}), so adding a CA never disables
 * that check; {@link ServerTrust} only adds the reason for a refusal.
 */
public final class TrustFiles {
  /**
   * Certificates in a keystore need no secret, but PKCS12 files made by keytool encrypt them
   * anyway; "changeit", the JDK's own trust store password, is what such files nearly always use.
   */
  private static final char[] CONVENTIONAL_PASSWORD = "changeit".toCharArray();

  private TrustFiles() {}

  public static SSLSocketFactory socketFactory(Path file) {
    return socketFactory(Optional.of(file));
  }

  /** The JDK's authorities, and before them those of {@code file} when there is one. */
  static SSLSocketFactory socketFactory(Optional<Path> file) {
    try {
      List<X509ExtendedTrustManager> anchors = new ArrayList<>();
      if (file.isPresent()) {
        anchors.add(trustManager(trustFileStore(file.get())));
      }
      anchors.add(JdkAuthorities.TRUST);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new ServerTrust(anchors)}, null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trust-file " + file.orElseThrow(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          file.map(f -> "cannot use trust-file " + f + ": ").orElse("cannot set up TLS: ")
              + e.getMessage(),
          e);
    }
  }

  private static KeyStore trustFileStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
    extra.load(null, null);
    List<X509Certificate> certificates = certificates(file);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "trust-file "
              + file
              + " holds no readable certificate (expected PEM, or JKS/PKCS12 without password"
              + " or with password changeit)");
    }
    for (int i = 0; i < certificates.size(); i++) {
      extra.setCertificateEntry("trusted-" + i, certificates.get(i));
    }
    return extra;
  }

  static List<X509Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    byte[] bytes = Files.readAllBytes(file);
    String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII);
    if (start.contains("-----BEGIN")) {
      return pem(file);
    }
    List<X509Certificate> found = keystoreCertificates(file, null);
    return found.isEmpty() ? keystoreCertificates(file, CONVENTIONAL_PASSWORD) : found;
  }

  private static List<X509Certificate> keystoreCertificates(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store;
    try {
      store = KeyStore.getInstance(file.toFile(), password);
    } catch (IOException e) {
      if (password == null) {
        return List.of();
      }
      throw e;
    }
    List<X509Certificate> found = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      Certificate certificate = store.getCertificate(alias);
      if (certificate instanceof X509Certificate x509) {
        found.add(x509);
      }
    }
    return found;
  }

  private static List<X509Certificate> pem(Path file) throws IOException, CertificateException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> all =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> found = new ArrayList<>();
      for (Certificate certificate : all) {
        found.add((X509Certificate) certificate);
      }
      return found;
    }
  }

  /** The JDK's default trust manager for {@code store}; {@code null} means the JDK's cacerts. */
  private static X509ExtendedTrustManager trustManager(KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509ExtendedTrustManager available");
  }

  /** The JDK's authorities (cacerts, or javax.net.ssl.trustStore), read once. */
  private static final class JdkAuthorities {
    static final X509ExtendedTrustManager TRUST = load();

    private static X509ExtendedTrustManager load() {
      try {
        return trustManager(null);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's certificate authorities cannot be read", e);
      }
    }
  }
}
