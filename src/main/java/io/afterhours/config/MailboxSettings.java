package io.afterhours.config;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MailboxIdentity;
import java.util.List;
import java.util.Objects;

/**
 * One watched mailbox: who it is, which folders to watch, its servers, and its office (the global
 * one, or the mailbox's own overrides merged over it).
 */
public record MailboxSettings(
    String name,
    MailAddress owner,
    List<String> aliases,
    List<String> folders,
    boolean saveToSent,
    ServerConfig imap,
    ServerConfig smtp,
    OfficeSettings office) {
  public MailboxSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    aliases = List.copyOf(aliases);
    folders = List.copyOf(folders);
    Objects.requireNonNull(imap, "imap");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(office, "office");
  }

  public MailboxIdentity identity() {
    return new MailboxIdentity(name, owner, aliases);
  }
}
