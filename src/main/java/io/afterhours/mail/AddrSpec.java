package io.afterhours.mail;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The strict check of a bare address (an RFC 5322 §3.4.1 addr-spec) that a reply may go to.
 *
 * <ul>
 *   <li>The local part is a dot-atom: ASCII atext (RFC 5322 §3.2.3), or UTF-8 as RFC 6532 §3.2
 *       allows, without controls, spaces or invisible format characters; at most 64 octets (RFC
 *       5321 §4.5.3.1.1).
 *   <li>No encoded-word ({@code =?…?=}) anywhere: RFC 2047 §5 forbids them in an addr-spec, and a
 *       decoder would turn one into anything, CR LF included.
 *   <li>The domain is host names' labels, letters, digits and hyphens, or U-labels that {@link
 *       IDN#toASCII} accepts; at least two labels, and a top-level label that is not all digits
 *       (RFC 3696 §2), so that neither {@code localhost} nor an IP address in disguise is answered.
 *       {@link IDN} implements IDNA2003, which maps ß, ς, ZWJ and ZWNJ to other characters where
 *       IDNA2008 (RFC 5891) keeps them: {@code straße.example} would become {@code
 *       strasse.example}, someone else's domain, so a domain with one of them is refused.
 *   <li>Refused by choice, though RFC 5322 allows them: a quoted local part ({@code "john
 *       doe"@example.org}) and a domain literal ({@code john@[192.0.2.1]}). Both are rare in real
 *       senders and common in tricks: a quoted string can hold spaces, {@code @} and {@code <>},
 *       and a literal bypasses the recipient's MX. A message from one gets no reply (NO_SENDER).
 * </ul>
 */
final class AddrSpec {
  /** RFC 5322 §3.2.3: atext besides letters and digits. */
  private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

  private static final int MAX_LOCAL_PART_OCTETS = 64;
  private static final int MAX_DOMAIN_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private AddrSpec() {}

  /** Why {@code address} cannot be a reply's recipient, or empty when it can. */
  static Optional<String> problem(String address) {
    if (address.isEmpty()) {
      return Optional.of("an empty address");
    }
    if (address.contains("=?")) {
      return Optional.of("an encoded-word inside the address, which RFC 2047 §5 forbids");
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return Optional.of("no @domain");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    return localPartProblem(local).or(() -> domainProblem(domain));
  }

  /** The domain of a valid address in its ASCII form: U-labels become A-labels ({@code xn--}). */
  static String asciiDomain(String domain) {
    return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
  }

  static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  private static Optional<String> localPartProblem(String local) {
    if (local.isEmpty()) {
      return Optional.of("no local part before the @");
    }
    if (local.startsWith("\"")) {
      return Optional.of("a quoted local part (not answered)");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return Optional.of("a local part that is not a dot-atom (misplaced dot)");
    }
    for (int i = 0; i < local.length(); ) {
      int c = local.codePointAt(i);
      i += Character.charCount(c);
      if (!isAtext(c) && c != '.') {
        return Optional.of("a local part that is not a dot-atom (it holds U+%04X)".formatted(c));
      }
    }
    if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_OCTETS) {
      return Optional.of("a local part longer than 64 octets");
    }
    return Optional.empty();
  }

  private static boolean isAtext(int c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }
    // RFC 6532 §3.2: any UTF-8 beyond ASCII, but nothing a reader cannot see or that breaks a line.
    switch (Character.getType(c)) {
      case Character.CONTROL,
      Character.SPACE_SEPARATOR,
      Character.LINE_SEPARATOR,
      Character.PARAGRAPH_SEPARATOR,
      Character.SURROGATE,
      Character.UNASSIGNED,
      Character.PRIVATE_USE:
        return false;
      case Character.FORMAT:
        return c == '\u200C' || c == '\u200D'; // ZWNJ and ZWJ are parts of real names
      default:
        return c != '\uFFFD'; // the replacement character: the address was decoded wrongly
    }
  }

  private static Optional<String> domainProblem(String domain) {
    if (domain.isEmpty()) {
      return Optional.of("no domain after the @");
    }
    if (domain.startsWith("[")) {
      return Optional.of("a domain literal (not answered)");
    }
    if (domain.chars().anyMatch(c -> c == 'ß' || c == 'ς' || c == '\u200C' || c == '\u200D')) {
      return Optional.of("a domain with ß, ς, ZWJ or ZWNJ, whose A-label IDNA2003 gets wrong");
    }
    String ascii;
    try {
      ascii = asciiDomain(domain);
    } catch (IllegalArgumentException e) {
      return Optional.of("a domain that is not a host name (" + e.getMessage() + ")");
    }
    if (ascii.length() > MAX_DOMAIN_LENGTH) {
      return Optional.of("a domain longer than 253 characters");
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.of("a domain of one label");
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || !isLdh(label)) {
        return Optional.of("a domain that is not a host name");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Optional.of("a numeric top-level domain");
    }
    return Optional.empty();
  }

  /** RFC 952, RFC 1123 §2.1: letters, digits and inner hyphens. */
  private static boolean isLdh(String label) {
    if (label.startsWith("-") || label.endsWith("-")) {
      return false;
    }
    return label
        .chars()
        .allMatch(
            c ->
                (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-');
  }
}
