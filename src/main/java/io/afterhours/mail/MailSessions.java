package io.afterhours.mail;

import io.afterhours.mail.ServerSettings.Security;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * Builds Jakarta Mail sessions from {@link ServerSettings}: TLS or required STARTTLS, server
 * identity checked, timeouts set, an extra trust file honoured, and plain connections refused
 * unless they stay on this machine. Passwords are not part of a session; they are given at connect
 * time.
 */
public final class MailSessions {
  /** Connect, read and write timeout: a dead server must not hang a pass. */
  static final int TIMEOUT_MILLIS = 30_000;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Most sessions kept for sharing; past it the cache starts again (a config changed often). */
  private static final int SHARED_SESSIONS = 256;

  /**
   * Sessions by their properties. Making a session reads every mail provider list on the class
   * path, a few milliseconds each: a thousand mailboxes on one server share a handful of sessions
   * instead of making thousands at start. A session holds no password and no connection, and its
   * stores and transports are independent, so sharing one is safe.
   */
  private static final Map<Properties, Session> SESSIONS = new ConcurrentHashMap<>();

  private MailSessions() {}

  /** The session of these properties, shared with every caller that asks for equal ones. */
  static Session shared(Properties props) {
    if (SESSIONS.size() >= SHARED_SESSIONS) {
      SESSIONS.clear();
    }
    return SESSIONS.computeIfAbsent(props, Session::getInstance);
  }

  /** A session for reading a mailbox over IMAP. */
  public static Session imap(String mailbox, ServerSettings settings) {
    return shared(imapProperties(mailbox, settings));
  }

  /**
   * A session for IDLE connections watched by Angus Mail's {@link
   * org.eclipse.angus.mail.imap.IdleManager}: like {@link #imap}, over socket channels, which the
   * IdleManager needs in order to select on many connections from one thread. TLS, STARTTLS and a
   * trust file's socket factory work over them: Angus creates the plain socket from a channel and
   * layers TLS on top, and the layered socket hands out the channel beneath. So does the
   * write-timeout wrapper; its timers run on {@code writeTimeouts} instead of a thread of their own
   * for every connection.
   *
   * @param writeTimeouts runs the write timeouts of every IDLE connection; its tasks only close a
   *     socket, so one thread serves them all
   */
  public static Session idle(
      String mailbox, ServerSettings settings, ScheduledExecutorService writeTimeouts) {
    Properties props = imapProperties(mailbox, settings);
    String prefix = "mail." + protocol("imap", settings.security()) + ".";
    // The IdleManager selects on the sockets' channels, which a socket of a factory lacks. An IDLE
    // connection is made only after a pass has connected, which found a wrong port at once.
    props.remove(prefix + "socketFactory");
    props.put(prefix + "usesocketchannels", "true");
    props.put(prefix + "executor.writetimeout", writeTimeouts);
    return shared(props);
  }

  private static Properties imapProperties(String mailbox, ServerSettings settings) {
    Properties props = properties(mailbox, "IMAP", "imap", settings);
    String p = protocol("imap", settings.security());
    // Read-only access: even if something asks for a body, it is fetched with BODY.PEEK.
    props.put("mail." + p + ".peek", "true");
    // Not enough on its own for raw UTF-8 header fields (RFC 6532): Angus's IMAPMessage loads
    // fetched headers ignoring it, one char per byte. MessageFactsReader recovers them (RawUtf8).
    props.put("mail.mime.allowutf8", "true");
    return props;
  }

  /**
   * A session for sending replies over SMTP.
   *
   * @param envelopeFrom the MAIL FROM address, {@code "<>"} for the null reverse-path, or empty to
   *     use the message's From address
   */
  public static Session smtp(String mailbox, ServerSettings settings, String envelopeFrom) {
    return shared(smtpProperties(mailbox, settings, envelopeFrom));
  }

  /**
   * Like {@link #smtp}, for a reply that needs SMTPUTF8 (a UTF-8 local part): commands go out in
   * UTF-8, MAIL FROM carries {@code SMTPUTF8} when the server offers it, and messages of this
   * session write their headers in raw UTF-8 (RFC 6531, RFC 6532). Other replies do not use it:
   * Angus asks for SMTPUTF8 on every message of such a session, and RFC 6531 says a client should
   * not ask for it when nothing needs it; a relay may bounce such a message at a next hop that
   * lacks the extension.
   */
  public static Session smtpUtf8(String mailbox, ServerSettings settings, String envelopeFrom) {
    Properties props = smtpProperties(mailbox, settings, envelopeFrom);
    props.put("mail.mime.allowutf8", "true");
    return shared(props);
  }

  /**
   * A session that only builds messages, never connects: for the copy of a reply in Sent.
   *
   * @param utf8 writes header fields in raw UTF-8 ({@code mail.mime.allowutf8}), as a reply to a
   *     UTF-8 local part must be
   */
  public static Session offline(boolean utf8) {
    Properties props = new Properties();
    props.put("mail.mime.allowutf8", String.valueOf(utf8));
    return shared(props);
  }

  private static Properties smtpProperties(
      String mailbox, ServerSettings settings, String envelopeFrom) {
    Properties props = properties(mailbox, "SMTP", "smtp", settings);
    String p = protocol("smtp", settings.security());
    props.put("mail." + p + ".auth", String.valueOf(settings.logsIn()));
    if (!envelopeFrom.isEmpty()) {
      props.put("mail." + p + ".from", envelopeFrom);
    }
    return props;
  }

  /** {@code imaps}/{@code smtps} for TLS, else the plain protocol name. */
  public static String protocol(String base, Security security) {
    return security == Security.TLS ? base + "s" : base;
  }

  static Properties properties(
      String mailbox, String service, String base, ServerSettings settings) {
    if (settings.isRefusedAsInsecure()) {
      throw new InsecureConnectionException(mailbox, service, settings);
    }
    String p = protocol(base, settings.security());
    String prefix = "mail." + p + ".";
    Properties props = new Properties();
    props.put("mail." + (base.equals("imap") ? "store" : "transport") + ".protocol", p);
    props.put(prefix + "host", settings.host());
    props.put(prefix + "port", String.valueOf(settings.port()));
    props.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
    props.put(prefix + "timeout", String.valueOf(TIMEOUT_MILLIS));
    props.put(prefix + "writetimeout", String.valueOf(TIMEOUT_MILLIS));
    // Without an executor, Angus Mail starts a (non-daemon) timer thread for every connection.
    props.put(prefix + "executor.writetimeout", WriteTimeouts.TIMER);
    // Never a second connection through a socket of Angus's own when ours fails: it would wait
    // out the read timeout again, or fail the handshake again without saying why.
    props.put(prefix + "socketFactory.fallback", "false");
    if (settings.security() != Security.NONE) {
      props.put(prefix + "ssl.checkserveridentity", "true");
      // Always ours, with or without a trust file: it says why a certificate was refused.
      props.put(prefix + "ssl.socketFactory", TrustFiles.socketFactory(settings.trustFile()));
    }
    if (settings.security() != Security.TLS) {
      // A plain start: find a port that speaks TLS from the first byte at once, not after the
      // read timeout.
      props.put(prefix + "socketFactory", GreetingWatch.DEFAULT);
    }
    if (settings.password().isOAuth2Token()) {
      // The access token goes where the password would; Angus Mail sends it as XOAUTH2.
      props.put(prefix + "auth.mechanisms", "XOAUTH2");
    }
    if (settings.security() == Security.STARTTLS) {
      props.put(prefix + "starttls.enable", "true");
      props.put(prefix + "starttls.required", "true");
    }
    return props;
  }

  /**
   * True for {@code localhost} and loopback address literals (127.0.0.0/8, ::1). Names other than
   * localhost are not resolved: what a name resolves to can change after the check.
   */
  public static boolean isLoopback(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (!IPV4.matcher(h).matches() && !h.contains(":")) {
      return false;
    }
    try {
      // A literal address: InetAddress parses it without a DNS lookup.
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * One daemon thread for the write timeouts of every pass and SMTP connection: a {@link
   * CoarseTimer}, as Angus Mail schedules a timeout before every write.
   */
  private static final class WriteTimeouts {
    static final CoarseTimer TIMER = CoarseTimer.started("afterhours-write-timeouts");
  }
}
