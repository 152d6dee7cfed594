package io.afterhours.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code reply.only-to}: whom the mailbox answers at all. An auto-reply tells whoever writes that
 * the owner is away and until when; an owner who does not want strangers to know answers only
 * people they know (Gmail's "only send a response to people in my contacts"), or only colleagues.
 */
final class AudienceRules {
  private final ReplyAudience onlyTo;
  private final List<GlobPattern> internalDomains;
  private final List<GlobPattern> correspondentPatterns;
  private final Correspondents correspondents;

  AudienceRules(PolicySettings settings, Correspondents correspondents) {
    this.onlyTo = settings.onlyTo();
    this.internalDomains = settings.internalDomains().stream().map(GlobPattern::of).toList();
    this.correspondentPatterns = settings.correspondents().stream().map(GlobPattern::of).toList();
    this.correspondents = Objects.requireNonNull(correspondents, "correspondents");
  }

  /**
   * The reply address (where the reply would go, not the From a stranger can write) must be one the
   * owner knows: a correspondent, or an internal sender, as {@code reply.only-to} asks.
   */
  Optional<Decision.Skip> unknownSender(Candidate c) {
    Optional<MailAddress> sender = c.sender();
    if (sender.isEmpty()) { // NULL_SENDER and NO_SENDER come first
      return Optional.empty();
    }
    MailAddress address = sender.get();
    String shown = "sender " + SkipDetail.clip(address.address());
    return switch (onlyTo) {
      case ANYONE -> Optional.empty();
      case INTERNAL ->
          isInternal(address, c.mailbox())
              ? Optional.empty()
              : skip(shown + " is not in internal-domains or our own domain (only-to = internal)");
      case CORRESPONDENTS ->
          isCorrespondent(address, c.mailbox())
              ? Optional.empty()
              : skip(
                  shown
                      + " never had mail from this mailbox and matches no reply.correspondents"
                      + " pattern (only-to = correspondents)");
    };
  }

  private boolean isInternal(MailAddress sender, MailboxIdentity mailbox) {
    String domain = sender.domain();
    if (domain.isEmpty()) {
      return false;
    }
    return internalDomains.stream().anyMatch(p -> p.matches(domain))
        || ownDomains(mailbox).anyMatch(domain::equalsIgnoreCase);
  }

  private static Stream<String> ownDomains(MailboxIdentity mailbox) {
    return Stream.concat(
        Stream.of(mailbox.owner().domain()),
        mailbox.aliases().stream().map(a -> MailAddress.of(a).domain()));
  }

  private boolean isCorrespondent(MailAddress sender, MailboxIdentity mailbox) {
    String address = sender.address().toLowerCase(Locale.ROOT);
    return correspondentPatterns.stream().anyMatch(p -> p.matches(address))
        || correspondents.knows(mailbox.name(), address);
  }

  private static Optional<Decision.Skip> skip(String detail) {
    return Optional.of(Decision.Skip.because(SkipReason.UNKNOWN_SENDER, detail));
  }
}
