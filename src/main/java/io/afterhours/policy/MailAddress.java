package io.afterhours.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * An address as found in a header: {@code address} is the bare addr-spec, {@code name} the decoded
 * display name or empty.
 */
public record MailAddress(String address, String name) {
  public MailAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(name, "name");
  }

  public static MailAddress of(String address) {
    return new MailAddress(address, "");
  }

  public String localPart() {
    int at = address.lastIndexOf('@');
    return at < 0 ? address : address.substring(0, at);
  }

  public String domain() {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1);
  }

  /** Addresses compare case-insensitively in practice (RFC 5321 allows otherwise; no one does). */
  public boolean sameAddressAs(String other) {
    return address.equalsIgnoreCase(other);
  }

  public String normalized() {
    return address.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name.isEmpty() ? address : name + " <" + address + ">";
  }
}
