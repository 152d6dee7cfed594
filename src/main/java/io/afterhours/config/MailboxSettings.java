package io.afterhours.config;

import io.afterhours.mail.EnvelopeSender;
import io.afterhours.mail.ServerSettings;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MailboxIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One watched mailbox: who it is, which folders to watch, its servers, and its office (the global
 * one, or the mailbox's own overrides merged over it).
 *
 * @param envelopeSender the SMTP MAIL FROM of replies: null ({@code <>}, RFC 3834 §3.3) or the
 *     owner's address for submission servers that refuse a null sender
 * @param firstStart what the first pass over a folder without a cursor does
 * @param sieve the ManageSieve server for {@code afterhours sieve --push}: the {@code sieve} block,
 *     else the IMAP host and login on port 4190
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
    FirstStart firstStart,
    ServerSettings sieve) {
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
    Objects.requireNonNull(sieve, "sieve");
  }

  /** A mailbox without a {@code sieve} block: ManageSieve beside its IMAP server. */
  public MailboxSettings(
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
    this(
        name,
        owner,
        aliases,
        folders,
        saveToSent,
        imap,
        smtp,
        envelopeSender,
        office,
        firstStart,
        sieveBeside(imap, imap.host(), SIEVE_PORT, Optional.empty()));
  }

  /** The ManageSieve port (RFC 5804). */
  public static final int SIEVE_PORT = 4190;

  /**
   * The ManageSieve server of a mailbox: the IMAP login (user, password, trust-file,
   * allow-insecure) on {@code host} and {@code port}. Without a {@code security} of its own it uses
   * STARTTLS, as ManageSieve servers do, or none where IMAP uses none (a loopback trial).
   */
  static ServerSettings sieveBeside(
      ServerSettings imap, String host, int port, Optional<ServerSettings.Security> security) {
    ServerSettings.Security chosen =
        security.orElse(
            imap.security() == ServerSettings.Security.NONE
                ? ServerSettings.Security.NONE
                : ServerSettings.Security.STARTTLS);
    return new ServerSettings(
        host, port, chosen, imap.user(), imap.password(), imap.trustFile(), imap.allowInsecure());
  }

  public MailboxIdentity identity() {
    return new MailboxIdentity(name, owner, aliases);
  }
}
