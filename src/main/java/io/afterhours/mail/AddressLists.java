package io.afterhours.mail;

import io.afterhours.policy.MailAddress;
import io.afterhours.reply.HeaderText;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads address headers the way real mail writes them, not the way RFC 5322 wishes: the lenient
 * Jakarta Mail parser first, and when even that gives up, every {@code local@domain} found in the
 * text, so that a sloppy From line still yields a sender.
 */
final class AddressLists {
  private static final Pattern BARE_ADDRESS =
      Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");

  private static final Pattern UNLIKELY_IN_ADDRESS = Pattern.compile("[\\s<>()\",;]");

  private AddressLists() {}

  static List<MailAddress> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    String unfolded = MimeUtility.unfold(raw);
    try {
      List<MailAddress> found = new ArrayList<>();
      for (InternetAddress address : InternetAddress.parseHeader(unfolded, false)) {
        addWithGroupMembers(address, found);
      }
      // The lenient parser accepts nearly anything; when it returns debris, look for addresses.
      return found.stream().allMatch(AddressLists::isPlausible) ? found : scavenge(unfolded);
    } catch (AddressException | RuntimeException e) {
      return scavenge(unfolded);
    }
  }

  private static void addWithGroupMembers(InternetAddress address, List<MailAddress> found)
      throws AddressException {
    if (address.isGroup()) {
      for (InternetAddress member : address.getGroup(false)) {
        addWithGroupMembers(member, found);
      }
      return;
    }
    String bare = HeaderText.clean(address.getAddress() == null ? "" : address.getAddress());
    if (bare.isEmpty()) {
      return;
    }
    // getPersonal() has already decoded RFC 2047 words; only the cleaning is left.
    String name = address.getPersonal() == null ? "" : HeaderText.clean(address.getPersonal());
    found.add(new MailAddress(bare, name));
  }

  private static boolean isPlausible(MailAddress address) {
    return !UNLIKELY_IN_ADDRESS.matcher(address.address()).find();
  }

  private static List<MailAddress> scavenge(String text) {
    List<MailAddress> found = new ArrayList<>();
    Matcher matcher = BARE_ADDRESS.matcher(text);
    while (matcher.find()) {
      found.add(MailAddress.of(matcher.group()));
    }
    return found;
  }
}
