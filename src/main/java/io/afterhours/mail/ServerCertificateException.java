package io.afterhours.mail;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The server's certificate was refused, with the certificate itself, so that the operator can be
 * told what it is: not trusted (and who issued it), expired, or made out to other names than the
 * configured host. Thrown by {@link ServerTrust} during the TLS handshake.
 */
final class ServerCertificateException extends CertificateException {
  private static final long serialVersionUID = 1L;

  /** Why the certificate was refused. */
  enum Kind {
    /** No trusted authority vouches for it (self-signed, a private CA). */
    UNTRUSTED,
    /** Outside its validity period. */
    EXPIRED,
    /** Trusted, but made out to other names than the host that was asked for. */
    WRONG_NAME
  }

  private final Kind kind;
  private final transient List<X509Certificate> chain;

  ServerCertificateException(Kind kind, X509Certificate[] chain, CertificateException cause) {
    super(kind + ": " + cause.getMessage(), cause);
    this.kind = kind;
    this.chain = List.of(chain);
  }

  Kind kind() {
    return kind;
  }

  /** The server's own certificate first, then its issuers as the server sent them. */
  List<X509Certificate> chain() {
    return chain == null ? List.of() : chain;
  }
}
