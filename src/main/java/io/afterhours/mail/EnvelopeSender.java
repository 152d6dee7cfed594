package io.afterhours.mail;

/**
 * The SMTP MAIL FROM (reverse-path) of an auto-reply.
 *
 * <p>RFC 3834 §3.3 recommends the null reverse-path {@code <>} for automatic responses: a bounce of
 * the reply then goes nowhere, and no other responder can answer it, so no loop can start.
 * Dovecot's Sieve vacation does the same by default. Some submission servers (Microsoft 365, some
 * hosting providers) refuse or rewrite {@code MAIL FROM:<>} from an authenticated user; {@link
 * #OWNER} is the escape hatch for them.
 */
public enum EnvelopeSender {
  /** {@code MAIL FROM:<>}, the default. */
  NULL,
  /** {@code MAIL FROM:<owner>}: the reply's From address. */
  OWNER;

  /** The value of {@code mail.smtp.from}; empty lets Jakarta Mail use the From address. */
  String smtpFromProperty() {
    return this == NULL ? "<>" : "";
  }
}
