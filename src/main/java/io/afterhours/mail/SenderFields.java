package io.afterhours.mail;

import io.afterhours.policy.MailAddress;
import io.afterhours.reply.HeaderText;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields a reply's address comes from, Return-Path, Sender and From, strictly: RFC 5322
 * syntax through Jakarta Mail's strict parser, then each addr-spec through {@link AddrSpec}.
 *
 * <p>The address is only ever what the parser found between the angle brackets or as the bare
 * addr-spec: never a display name, a comment or a quoted string, and never a guess from text around
 * it. A field that does not parse, holds a group, or holds one address that fails the check yields
 * no address at all, so that a reply cannot go to a third party named in a display name.
 */
final class SenderFields {
  /** What a field yields: its mailboxes, or why it yields none. */
  sealed interface Reading permits Mailboxes, Unusable {}

  /** Every mailbox of the field, in order; at least one. */
  record Mailboxes(List<MailAddress> addresses) implements Reading {}

  /** The field holds no address a reply may go to. */
  record Unusable(String problem) implements Reading {}

  private SenderFields() {}

  /** A Return-Path or Sender field: exactly one mailbox (RFC 5322 §3.6.2, RFC 5321 §4.4). */
  static Reading oneMailbox(String raw) {
    Reading reading = mailboxes(raw);
    if (reading instanceof Mailboxes found && found.addresses().size() > 1) {
      return new Unusable("more than one address");
    }
    return reading;
  }

  /** A From field: a mailbox-list (RFC 5322 §3.6.2). */
  static Reading mailboxes(String raw) {
    String unfolded = MimeUtility.unfold(raw == null ? "" : raw);
    if (unfolded.isBlank()) {
      return new Unusable("an empty field");
    }
    InternetAddress[] parsed;
    try {
      parsed = InternetAddress.parseHeader(unfolded, true);
    } catch (AddressException | RuntimeException e) {
      return new Unusable("not an address: " + HeaderText.clean(String.valueOf(e.getMessage())));
    }
    if (parsed.length == 0) {
      return new Unusable("no address");
    }
    List<MailAddress> found = new ArrayList<>();
    for (InternetAddress address : parsed) {
      if (address.isGroup()) {
        return new Unusable("a group, not a mailbox");
      }
      String bare = address.getAddress() == null ? "" : address.getAddress();
      Optional<String> problem = AddrSpec.problem(bare);
      if (problem.isPresent()) {
        return new Unusable(problem.get());
      }
      // getPersonal() has already decoded RFC 2047 words; only the cleaning is left.
      String name = HeaderText.clean(address.getPersonal());
      found.add(new MailAddress(bare, name));
    }
    return new Mailboxes(found);
  }
}
