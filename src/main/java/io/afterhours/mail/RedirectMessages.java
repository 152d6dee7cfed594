package io.afterhours.mail;

import io.afterhours.pass.Redirect;
import io.afterhours.policy.MailAddress;
import io.afterhours.reply.HeaderText;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Builds a redirected message (RFC 5228 §4.2, RFC 5322 §3.6.6): Resent-From, Resent-To, Resent-Date
 * and Resent-Message-ID on top of the original's own fields, and the original, byte for byte, below
 * them, but for its Return-Path, which belongs to the delivery that is over (RFC 5321 §4.4: the
 * final server adds its own).
 */
final class RedirectMessages {
  private RedirectMessages() {}

  static SMTPMessage build(Session session, Redirect redirect) throws MessagingException {
    return new SMTPMessage(session, new ByteArrayInputStream(bytes(redirect)));
  }

  static byte[] bytes(Redirect redirect) throws MessagingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(redirect.original().length + 512);
    String resent =
        "Resent-From: "
            + address(redirect.from())
            + "\r\nResent-To: "
            + address(redirect.to())
            + "\r\nResent-Date: "
            + new MailDateFormat().format(Date.from(redirect.date()))
            + "\r\nResent-Message-ID: "
            + HeaderText.clean(redirect.resentMessageId())
            + "\r\n";
    out.writeBytes(resent.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(withoutReturnPath(redirect.original()));
    return out.toByteArray();
  }

  private static String address(MailAddress address) throws MessagingException {
    try {
      return new InternetAddress(
              address.address(),
              address.name().isEmpty() ? null : HeaderText.clean(address.name()),
              "UTF-8")
          .toString();
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 is not supported", e);
    }
  }

  /** The message without its Return-Path field (and that field's folded lines). */
  static byte[] withoutReturnPath(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1); // one char per byte
    int headerEnd = headerEnd(text);
    StringBuilder kept = new StringBuilder(text.length());
    boolean dropping = false;
    int line = 0;
    while (line < headerEnd) {
      int next = text.indexOf('\n', line);
      next = next < 0 || next >= headerEnd ? headerEnd : next + 1;
      String field = text.substring(line, next);
      boolean continuation = field.startsWith(" ") || field.startsWith("\t");
      if (!continuation) {
        dropping = field.toLowerCase(Locale.ROOT).startsWith("return-path:");
      }
      if (!dropping) {
        kept.append(field);
      }
      line = next;
    }
    kept.append(text, headerEnd, text.length());
    return kept.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int headerEnd(String text) {
    int crlf = text.indexOf("\r\n\r\n");
    int lf = text.indexOf("\n\n");
    if (crlf < 0 && lf < 0) {
      return text.length();
    }
    if (crlf < 0 || (lf >= 0 && lf < crlf)) {
      return lf + 1;
    }
    return crlf + 2;
  }
}
