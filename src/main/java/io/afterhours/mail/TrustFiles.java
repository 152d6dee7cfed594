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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a {@code trust-file} into an SSLSocketFactory that trusts the JDK's certificate authorities
 * plus the certificates in the file. The file is PEM (one or more {@code BEGIN CERTIFICATE} blocks)
 * or a JKS/PKCS12 keystore without password. Host names are still checked by Jakarta Mail ({@code
 * ssl.checkserveridentity}), so adding a CA never disables that check.
 */
public final class TrustFiles {
  /**
   * Certificates in a keystore need no secret, but PKCS12 files made by keytool encrypt them
   * anyway; "changeit", the JDK's own trust store password, is what such files nearly always use.
   */
  private static final char[] CONVENTIONAL_PASSWORD = "changeit".toCharArray();

  private TrustFiles() {}

  public static SSLSocketFactory socketFactory(Path file) {
    try {
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
      X509TrustManager combined = new EitherTrustManager(trustManager(extra), trustManager(null));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {combined}, null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trust-file " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot use trust-file " + file + ": " + e.getMessage(), e);
    }
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
  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager available");
  }

  /** Trusts a chain when either the trust file's certificates or the JDK's authorities do. */
  private static final class EitherTrustManager implements X509TrustManager {
    private final X509TrustManager first;
    private final X509TrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      second.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException notInTrustFile) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      all.addAll(List.of(second.getAcceptedIssuers()));
      return all.toArray(new X509Certificate[0]);
    }
  }
}
