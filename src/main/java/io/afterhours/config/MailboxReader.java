package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.afterhours.mail.EnvelopeSender;
import io.afterhours.mail.ServerSettings;
import io.afterhours.mail.ServerSettings.Security;
import io.afterhours.policy.MailAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code mailboxes}: identity, folders, servers, and the mailbox's office overrides. */
final class MailboxReader {
  private static final Set<String> OFFICE_KEYS =
      Set.of(
          "zone",
          "language",
          "templates",
          "hours",
          "holidays",
          "away",
          "response-time",
          "reply",
          "values");

  private final OfficeReader offices;
  private final ServerReader servers;

  MailboxReader(OfficeReader offices, ServerReader servers) {
    this.offices = offices;
    this.servers = servers;
  }

  List<MailboxSettings> read(ConfigReader root, Config afterhours, OfficeSettings globalOffice) {
    List<MailboxSettings> mailboxes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    FirstStart firstStart = FirstStart.read(root, FirstStart.BASELINE);
    var items = root.list("mailboxes");
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = items.get(i);
      String prefix = "mailboxes[" + i + "].";
      if (!(item instanceof ConfigObject object)) {
        root.problem(item.origin(), "mailboxes[" + i + "]", "expected a block in {braces}");
        continue;
      }
      ConfigReader in = root.child(object.toConfig(), prefix);
      read(in, object, afterhours, globalOffice, firstStart, i)
          .ifPresent(
              m -> {
                if (!names.add(m.name())) {
                  in.problem("name", "another mailbox is already called \"" + m.name() + "\"");
                }
                mailboxes.add(m);
              });
    }
    return mailboxes;
  }

  private Optional<MailboxSettings> read(
      ConfigReader in,
      ConfigObject object,
      Config afterhours,
      OfficeSettings global,
      FirstStart globalFirstStart,
      int index) {
    Optional<String> address = in.requiredString("address");
    address
        .filter(a -> !a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
        .ifPresent(a -> in.problem("address", "\"" + a + "\" is not an email address"));
    String name = in.string("name", address.orElse("mailbox-" + (index + 1))).trim();
    List<String> folders = in.has("folders") ? in.strings("folders") : List.of("INBOX");
    if (folders.isEmpty()) {
      in.problem("folders", "lists no folder to watch");
    }
    Optional<ServerSettings> imap = servers.read(in, index, "imap", 993, address.orElse(""));
    Optional<ServerSettings> smtp = servers.read(in, index, "smtp", 587, address.orElse(""));
    OfficeSettings office = global;
    if (object.keySet().stream().anyMatch(OFFICE_KEYS::contains)) {
      Config merged = object.toConfig().withFallback(afterhours);
      office = offices.read(in.child(merged, "mailboxes[" + index + "].")).orElse(global);
    }
    if (address.isEmpty() || imap.isEmpty() || smtp.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MailboxSettings(
            name,
            new MailAddress(address.get(), in.string("display-name", "").trim()),
            in.strings("aliases"),
            folders.isEmpty() ? List.of("INBOX") : folders,
            in.bool("save-to-sent", true),
            imap.get(),
            smtp.get(),
            envelopeSender(in),
            office,
            FirstStart.read(in, globalFirstStart),
            sieve(in, imap.get())));
  }

  /**
   * The optional {@code sieve} block, for {@code afterhours sieve --push}: {@code host} (default
   * the IMAP host), {@code port} (4190) and {@code security}; the login is the IMAP one.
   */
  private static ServerSettings sieve(ConfigReader mailbox, ServerSettings imap) {
    Optional<Config> block = mailbox.object("sieve");
    if (block.isEmpty()) {
      return MailboxSettings.sieveBeside(
          imap, imap.host(), MailboxSettings.SIEVE_PORT, Optional.empty());
    }
    ConfigReader in = mailbox.child(block.get(), mailbox.key("sieve") + ".");
    String host = in.string("host", imap.host()).trim();
    if (host.isEmpty()) {
      in.problem("host", "is empty; leave it out to use the IMAP host");
      host = imap.host();
    }
    int port = in.integer("port", MailboxSettings.SIEVE_PORT);
    if (port < 1 || port > 65535) {
      in.problem("port", port + " is not a port number (1–65535)");
      port = MailboxSettings.SIEVE_PORT;
    }
    Optional<Security> security = Optional.empty();
    if (in.has("security")) {
      String text = in.string("security", "starttls").trim();
      try {
        security = Optional.of(Security.valueOf(text.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        in.problem("security", "\"" + text + "\" is not one of tls, starttls, none");
      }
    }
    return MailboxSettings.sieveBeside(imap, host, port, security);
  }

  static EnvelopeSender envelopeSender(ConfigReader mailbox) {
    String text = mailbox.string("smtp.envelope-sender", "null").trim();
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "null", "<>" -> EnvelopeSender.NULL;
      case "owner" -> EnvelopeSender.OWNER;
      default -> {
        mailbox.problem("smtp.envelope-sender", "\"" + text + "\" is not one of null, owner");
        yield EnvelopeSender.NULL;
      }
    };
  }
}
