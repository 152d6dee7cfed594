package io.afterhours.policy;

import java.util.List;
import java.util.Objects;

/**
 * Who we are for one mailbox: the owner's address and display name, and the aliases that also count
 * as ours.
 */
public record MailboxIdentity(String name, MailAddress owner, List<String> aliases) {
  public MailboxIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    aliases = List.copyOf(aliases);
  }

  /** True when {@code address} is the owner's address or one of the aliases. */
  public boolean isOurs(String address) {
    if (owner.sameAddressAs(address)) {
      return true;
    }
    return aliases.stream().anyMatch(a -> a.equalsIgnoreCase(address));
  }
}
