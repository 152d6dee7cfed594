package io.afterhours.mail;

import io.afterhours.policy.MailAddress;
import io.afterhours.reply.HeaderText;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A reply's recipient in the form SMTP carries it, or why it cannot be one.
 *
 * <ul>
 *   <li>An internationalized domain goes out as A-labels ({@code bücher.example} becomes {@code
 *       xn--bcher-kva.example}) on the envelope and in the To header: A-labels are ordinary host
 *       names (RFC 5890), which every server takes without an extension. Logs and the history keep
 *       the Unicode form the sender wrote.
 *   <li>A local part in UTF-8 has no ASCII form: it needs a server that offers SMTPUTF8 (RFC 6531).
 *       Without one the reply fails for good; sending it anyway would garble the address.
 *   <li>Anything {@link AddrSpec} refuses cannot be a recipient.
 * </ul>
 *
 * <p>The addresses are made with {@code new InternetAddress()} and {@code setAddress}: the
 * validating constructor refuses every non-ASCII address unless the global {@code
 * mail.mime.allowutf8} system property is set.
 */
sealed interface SmtpRecipient permits SmtpRecipient.Accepted, SmtpRecipient.Refused {

  /**
   * @param envelope the address for RCPT TO, its domain in A-labels
   * @param needsSmtpUtf8 the local part is UTF-8: the message must be sent with SMTPUTF8
   */
  record Accepted(InternetAddress envelope, boolean needsSmtpUtf8) implements SmtpRecipient {}

  /**
   * @param reason why, for the operator and the reply log
   */
  record Refused(String reason) implements SmtpRecipient {}

  /**
   * @param serverOffersSmtpUtf8 whether the connected server announced SMTPUTF8 in its EHLO reply
   */
  static SmtpRecipient of(MailAddress to, boolean serverOffersSmtpUtf8) {
    String address = HeaderText.clean(to.address());
    Optional<String> problem = AddrSpec.problem(address);
    if (problem.isPresent()) {
      return new Refused("\"" + address + "\" cannot be a recipient: " + problem.get());
    }
    boolean utf8 = needsSmtpUtf8(to);
    if (utf8 && !serverOffersSmtpUtf8) {
      return new Refused(
          "the SMTP server does not offer SMTPUTF8, needed for the address " + address);
    }
    InternetAddress envelope = new InternetAddress();
    envelope.setAddress(smtpForm(address));
    return new Accepted(envelope, utf8);
  }

  /**
   * The address for a From or To header: the domain in A-labels as on the envelope, and the display
   * name (RFC 2047-encoded when the message is written). An address that cannot be a recipient is
   * left as it is; sending refuses it.
   */
  static InternetAddress forHeader(MailAddress address) {
    String bare = HeaderText.clean(address.address());
    InternetAddress header = new InternetAddress();
    header.setAddress(AddrSpec.problem(bare).isEmpty() ? smtpForm(bare) : bare);
    String name = HeaderText.clean(address.name());
    try {
      header.setPersonal(name.isEmpty() ? null : name, StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
    return header;
  }

  /** Whether a message to {@code address} needs SMTPUTF8: its local part is not ASCII. */
  static boolean needsSmtpUtf8(MailAddress address) {
    return !AddrSpec.isAscii(address.localPart());
  }

  /** Whether the server behind a connected transport announced SMTPUTF8 in its EHLO reply. */
  static boolean offersSmtpUtf8(Transport transport) {
    return transport instanceof SMTPTransport smtp && smtp.supportsExtension("SMTPUTF8");
  }

  /** A valid address with its domain in A-labels. */
  private static String smtpForm(String address) {
    int at = address.lastIndexOf('@');
    return address.substring(0, at + 1) + AddrSpec.asciiDomain(address.substring(at + 1));
  }
}
