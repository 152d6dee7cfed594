package io.afterhours.mail;

import io.afterhours.policy.MailAddress;
import io.afterhours.reply.HeaderText;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads recipient fields (To, Cc, Bcc, Resent-*) leniently, for the "is it addressed to us" check
 * only: real mail writes them sloppily, and a wrong reading there can only make a reply less
 * likely. Even so, an address is only what the parser found as one, never text from a display name
 * or a comment; entries that are plainly no address are dropped, and a field the lenient parser
 * cannot read at all yields nothing. Reply addresses are read by {@link SenderFields}.
 */
final class AddressLists {
  private static final Pattern UNLIKELY_IN_ADDRESS = Pattern.compile("[\\s<>()\",;]");

  private AddressLists() {}

  static List<MailAddress> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<MailAddress> found = new ArrayList<>();
    try {
      for (InternetAddress address : InternetAddress.parseHeader(MimeUtility.unfold(raw), false)) {
        addWithGroupMembers(address, found);
      }
    } catch (AddressException | RuntimeException e) {
      return List.of(); // nothing is guessed from a field even the lenient parser cannot read
    }
    return found;
  }

  private static void addWithGroupMembers(InternetAddress address, List<MailAddress> found) {
    if (address.isGroup()) {
      try {
        for (InternetAddress member : address.getGroup(false)) {
          addWithGroupMembers(member, found);
        }
      } catch (AddressException | RuntimeException e) {
        // a group whose members cannot be read adds none of them
      }
      return;
    }
    String bare = HeaderText.clean(address.getAddress());
    if (bare.indexOf('@') < 1 || UNLIKELY_IN_ADDRESS.matcher(bare).find()) {
      return; // debris of a broken field, such as "<not an address"
    }
    // getPersonal() has already decoded RFC 2047 words; only the cleaning is left.
    found.add(new MailAddress(bare, HeaderText.clean(address.getPersonal())));
  }
}
