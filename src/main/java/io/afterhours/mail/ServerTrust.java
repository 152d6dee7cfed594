package io.afterhours.mail;

import io.afterhours.mail.ServerCertificateException.Kind;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server's certificate when one of its trust anchors does (a {@code trust-file}'s, then
 * the JDK's), with the server's identity checked by that anchor's JDK trust manager exactly as
 * without this class. What it adds is the reason for a refusal, with the certificate: the chain is
 * first checked on its own, so that "not trusted" (no anchor vouches for it) and "made out to other
 * names" (an anchor does, the host name does not match) can be told apart, and {@link
 * ConnectionProblem} can say which names the certificate has.
 */
final class ServerTrust extends X509ExtendedTrustManager {
  private final List<X509ExtendedTrustManager> anchors;

  /**
   * @param anchors the trust managers to try in order; the first that trusts the chain also checks
   *     the host name
   */
  ServerTrust(List<X509ExtendedTrustManager> anchors) {
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("no trust anchors");
    }
    this.anchors = List.copyOf(anchors);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    X509ExtendedTrustManager trusting = trusting(chain, authType);
    try {
      trusting.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException refused) {
      throw identityRefused(chain, refused);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    X509ExtendedTrustManager trusting = trusting(chain, authType);
    try {
      trusting.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException refused) {
      throw identityRefused(chain, refused);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    trusting(chain, authType);
  }

  /** The first anchor that trusts the chain itself, the host name aside. */
  private X509ExtendedTrustManager trusting(X509Certificate[] chain, String authType)
      throws CertificateException {
    CertificateException last = null;
    for (X509ExtendedTrustManager anchor : anchors) {
      try {
        anchor.checkServerTrusted(chain, authType);
        return anchor;
      } catch (CertificateException refused) {
        last = refused;
      }
    }
    throw new ServerCertificateException(
        expired(chain) ? Kind.EXPIRED : Kind.UNTRUSTED, chain, last);
  }

  /** The JDK's words for a host name the certificate is not made out to (HostnameChecker). */
  private static final Pattern WRONG_NAME =
      Pattern.compile("(?i)no (subject alternative (dns )?names?|name) (matching|present)");

  private static CertificateException identityRefused(
      X509Certificate[] chain, CertificateException refused) {
    String message = String.valueOf(refused.getMessage());
    return WRONG_NAME.matcher(message).find()
        ? new ServerCertificateException(Kind.WRONG_NAME, chain, refused)
        : refused;
  }

  private static boolean expired(X509Certificate[] chain) {
    try {
      for (X509Certificate certificate : chain) {
        certificate.checkValidity();
      }
      return false;
    } catch (CertificateException outside) {
      return true;
    }
  }

  // A client certificate is never asked of afterhours; these only keep the interface whole.

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    last().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    last().checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    last().checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    List<X509Certificate> all = new ArrayList<>();
    anchors.forEach(a -> all.addAll(List.of(a.getAcceptedIssuers())));
    return all.toArray(new X509Certificate[0]);
  }

  private X509ExtendedTrustManager last() {
    return anchors.get(anchors.size() - 1);
  }
}
