package io.afterhours.pass;

import io.afterhours.policy.MailAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A client's message redirected to a stand-in while the owner is away (RFC 5228 redirect, RFC 5322
 * §3.6.6): the original, intact, with Resent-From (the owner), Resent-To (the stand-in),
 * Resent-Date and Resent-Message-ID fields on top.
 *
 * @param original the message as the server holds it, every byte
 * @param resentMessageId the Resent-Message-ID, by which a copy in Sent is found again
 */
public record Redirect(
    String mailbox,
    MailAddress from,
    MailAddress to,
    String resentMessageId,
    Instant date,
    byte[] original) {
  public Redirect {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(resentMessageId, "resentMessageId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(original, "original");
  }
}
