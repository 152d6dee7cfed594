package io.afterhours.mail;

import io.afterhours.mail.ServerSettings.Security;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a connection to an IMAP or SMTP server failed, in words an operator can act on: the library's
 * exception chain ("STARTTLS failure", "PKIX path building failed", "Read timed out") turned into
 * what is wrong and what to do, e.g. "the server's certificate (for mail.example.com, issued by
 * CN=Example CA) is not trusted: add its CA with trust-file". {@code check} prints it; the daemon's
 * {@code state=DOWN} line and {@code once} log it.
 *
 * @param problem what is wrong, e.g. "nothing accepts connections on port 993 (connection refused)"
 * @param advice what to do about it, e.g. "check host and port"
 */
public record ConnectionProblem(String problem, String advice) {
  private static final Pattern CN = Pattern.compile("(?i)(?:^|,)\\s*CN=([^,]+)");
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  /** What is wrong and what to do: "the server's certificate is not trusted: add its CA …". */
  @Override
  public String toString() {
    return problem + ": " + advice;
  }

  /**
   * The whole sentence: "mailbox work: IMAP server imap.example.com:993: the server's certificate
   * is not trusted: add its CA with trust-file".
   */
  public String sentence(String mailbox, String service, ServerSettings server) {
    return "mailbox " + mailbox + ": " + service + " server " + server.endpoint() + ": " + this;
  }

  /**
   * The sentence for {@code failure}, or, when it is none of the known problems, the library's own
   * message after the mailbox and server.
   */
  public static String describe(
      String mailbox, String service, ServerSettings server, Throwable failure) {
    return of(failure, service, server)
        .map(p -> p.sentence(mailbox, service, server))
        .orElseGet(
            () ->
                "mailbox "
                    + mailbox
                    + ": "
                    + service
                    + " server "
                    + server.endpoint()
                    + ": "
                    + String.valueOf(failure.getMessage()).strip());
  }

  /**
   * The problem behind a failed connection to {@code server}, or empty when the failure is none of
   * the known kinds (a command the server refused, a connection lost in the middle).
   *
   * @param service "IMAP" or "SMTP", for the usual ports in the advice
   */
  public static Optional<ConnectionProblem> of(
      Throwable failure, String service, ServerSettings server) {
    List<Throwable> chain = chain(failure);
    Optional<ServerCertificateException> certificate =
        find(chain, ServerCertificateException.class);
    if (certificate.isPresent()) {
      return Optional.of(certificate(certificate.get(), server));
    }
    if (find(chain, ImplicitTlsException.class).isPresent()) {
      return Optional.of(implicitTls(service, server));
    }
    Optional<AuthenticationFailedException> login =
        find(chain, AuthenticationFailedException.class);
    if (login.isPresent()) {
      return Optional.of(loginRefused(login.get(), server));
    }
    if (find(chain, UnknownHostException.class).isPresent()) {
      return Optional.of(
          new ConnectionProblem(
              "the host name " + server.host() + " is not known (no address in DNS)",
              "check host"));
    }
    if (chain.stream().anyMatch(ConnectionProblem::isPlainTextWhereTlsWasExpected)) {
      return Optional.of(plainText(service, server));
    }
    if (chain.stream().anyMatch(t -> message(t).contains("does not support STARTTLS"))) {
      return Optional.of(
          new ConnectionProblem(
              "the server does not offer STARTTLS, and security = starttls requires it",
              "use security = tls with the server's TLS port ("
                  + tlsPort(service)
                  + ")"
                  + (MailSessions.isLoopback(server.host())
                      ? ", or security = none, allowed on the loopback"
                      : "")));
    }
    if (find(chain, NoRouteToHostException.class).isPresent()) {
      return Optional.of(
          new ConnectionProblem(
              "there is no route to " + server.host(),
              "check host, and that this machine reaches that network"));
    }
    Optional<SocketTimeoutException> timeout = find(chain, SocketTimeoutException.class);
    if (timeout.isPresent()) {
      return Optional.of(timedOut(timeout.get(), server));
    }
    if (chain.stream()
        .anyMatch(
            t ->
                t instanceof ConnectException
                    && message(t).toLowerCase(Locale.ROOT).contains("refused"))) {
      return Optional.of(
          new ConnectionProblem(
              "nothing accepts connections on port " + server.port() + " (connection refused)",
              "check host and port; "
                  + service
                  + " is usually on "
                  + tlsPort(service)
                  + " with security = tls, or "
                  + starttlsPort(service)
                  + " with starttls"));
    }
    Optional<SSLHandshakeException> handshake = find(chain, SSLHandshakeException.class);
    if (handshake.isPresent()) {
      return Optional.of(
          new ConnectionProblem(
              "the TLS handshake failed (" + message(handshake.get()).strip() + ")",
              "the server may offer only old TLS versions or ciphers that Java refuses"));
    }
    return Optional.empty();
  }

  private static ConnectionProblem certificate(
      ServerCertificateException refused, ServerSettings server) {
    List<X509Certificate> chain = refused.chain();
    String names = chain.isEmpty() ? "" : String.join(", ", names(chain.get(0)));
    switch (refused.kind()) {
      case WRONG_NAME:
        return new ConnectionProblem(
            "the server's certificate is made out to "
                + (names.isEmpty() ? "other names" : names)
                + ", not to "
                + server.host(),
            names.isEmpty()
                ? "set host to a name the certificate has"
                : "set host to one of those names");
      case EXPIRED:
        return new ConnectionProblem(
            "the server's certificate"
                + (names.isEmpty() ? "" : " (for " + names + ")")
                + " is outside its validity"
                + (chain.isEmpty()
                    ? ""
                    : " (valid "
                        + chain
                            .get(0)
                            .getNotBefore()
                            .toInstant()
                            .atOffset(ZoneOffset.UTC)
                            .toLocalDate()
                        + " to "
                        + chain
                            .get(0)
                            .getNotAfter()
                            .toInstant()
                            .atOffset(ZoneOffset.UTC)
                            .toLocalDate()
                        + ")"),
            "the server's administrator must renew it (check also this machine's clock)");
      default:
        return new ConnectionProblem(
            "the server's certificate" + describeCertificate(chain) + " is not trusted",
            server.trustFile().isPresent()
                ? "trust-file "
                    + server.trustFile().get()
                    + " does not hold its CA: add the CA that issued it"
                : "add its CA with trust-file");
    }
  }

  /** " (self-signed, for mail.example.com)" or " (for …, issued by Example CA)". */
  private static String describeCertificate(List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      return "";
    }
    X509Certificate own = chain.get(0);
    List<String> parts = new ArrayList<>();
    String issuer = commonName(chain.get(chain.size() - 1).getIssuerX500Principal().getName());
    boolean selfSigned =
        chain.size() == 1 && own.getSubjectX500Principal().equals(own.getIssuerX500Principal());
    List<String> names = names(own);
    if (selfSigned) {
      parts.add("self-signed");
    }
    if (!names.isEmpty()) {
      parts.add("for " + String.join(", ", names));
    }
    if (!selfSigned) {
      parts.add("issued by " + issuer);
    }
    return " (" + String.join(", ", parts) + ")";
  }

  /** The DNS names and addresses a certificate is made out to, else its common name. */
  static List<String> names(X509Certificate certificate) {
    Set<String> names = new LinkedHashSet<>();
    try {
      var alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          if (type == DNS_NAME || type == IP_ADDRESS) {
            names.add(String.valueOf(entry.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // fall back on the common name
    }
    if (names.isEmpty()) {
      String cn = commonName(certificate.getSubjectX500Principal().getName());
      if (!cn.isEmpty()) {
        names.add(cn);
      }
    }
    return List.copyOf(names);
  }

  private static String commonName(String distinguishedName) {
    Matcher m = CN.matcher(distinguishedName);
    return m.find() ? m.group(1).strip() : distinguishedName;
  }

  private static ConnectionProblem implicitTls(String service, ServerSettings server) {
    return new ConnectionProblem(
        "port "
            + server.port()
            + " speaks TLS from the first byte (implicit TLS), but security = "
            + server.security().name().toLowerCase(Locale.ROOT)
            + " expects a plain greeting first",
        "set security = tls, or use the server's STARTTLS port (" + starttlsPort(service) + ")");
  }

  private static ConnectionProblem plainText(String service, ServerSettings server) {
    return new ConnectionProblem(
        "port " + server.port() + " answered in plain text, but security = tls expects TLS",
        "set security = starttls (this looks like a STARTTLS port), or use the server's TLS port ("
            + tlsPort(service)
            + ")");
  }

  private static ConnectionProblem loginRefused(
      AuthenticationFailedException refused, ServerSettings server) {
    String said = message(refused).strip();
    return new ConnectionProblem(
        "login as "
            + server.user()
            + " refused"
            + (said.isEmpty() ? "" : " (the server said: " + said + ")"),
        server.password().isOAuth2Token()
            ? "check user and the token from oauth2.token-command"
            : "check user and password");
  }

  private static ConnectionProblem timedOut(SocketTimeoutException timeout, ServerSettings server) {
    long seconds = MailSessions.TIMEOUT_MILLIS / 1000;
    if (message(timeout).toLowerCase(Locale.ROOT).contains("connect")) {
      return new ConnectionProblem(
          "no answer to the connection within " + seconds + " s (connect timed out)",
          "check host and port; a firewall may drop connections to port " + server.port());
    }
    return new ConnectionProblem(
        "the server accepted the connection but did not answer within " + seconds + " s",
        server.security() == Security.TLS
            ? "check that port "
                + server.port()
                + " speaks TLS and that the server is not overloaded"
            : "check that port "
                + server.port()
                + " is the mail server's and that it is not overloaded");
  }

  /** The JDK's words for a TLS client that read something that is not TLS. */
  private static boolean isPlainTextWhereTlsWasExpected(Throwable t) {
    if (!(t instanceof SSLException)) {
      return false;
    }
    String m = message(t);
    return m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext");
  }

  private static String tlsPort(String service) {
    return service.equalsIgnoreCase("SMTP") ? "465" : "993";
  }

  private static String starttlsPort(String service) {
    return service.equalsIgnoreCase("SMTP") ? "587" : "143";
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? "" : t.getMessage();
  }

  private static <T extends Throwable> Optional<T> find(List<Throwable> chain, Class<T> type) {
    return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** The failure, its causes, and the exceptions Jakarta Mail chains beside them. */
  private static List<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>(List.of(failure));
    while (!todo.isEmpty() && chain.size() < 20) {
      Throwable t = todo.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      chain.add(t);
      todo.add(t.getCause());
      if (t instanceof MessagingException m) {
        todo.add(m.getNextException());
      }
    }
    return chain;
  }
}
