package io.afterhours.config;

import io.afterhours.mail.EnvelopeSender;
import io.afterhours.mail.ServerSettings;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MailboxIdentity;
import java.util.List;
import java.util.Objects;

/**
 * One watched mailbox: who it is, which folders to watch, its servers, and its office (the global
 * one, or the mailbox's own overrides merged over it).
 *
 * @param envelopeSender the SMTP MAIL FROM of replies: null ({@code <>}, RFC 3834 §3.3) or the
 *     owner's address for submission servers that refuse a null sender
 * @param firstStart what the first pass over a folder without a cursor does
 */
public record MailboxSettings(
    String name,
    MailAddress owner,
    List<String> aliases,
    List<String> folders,
    boolean saveToSent,
    ServerSettings imap,
    ServerSettings smtp,
    EnvelopeSender envelopeSender,
    OfficeSettings office,
    FirstStart firstStart) {
  public MailboxSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    aliases = List.copyOf(aliases);
    folders = List.copyOf(folders);
    Objects.requireNonNull(imap, "imap");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(envelopeSender, "envelopeSender");
    Objects.requireNonNull(office, "office");
    Objects.requireNonNull(firstStart, "firstStart");
  }

  public MailboxIdentity identity() {
    return new MailboxIdentity(name, owner, aliases);
  }
}
