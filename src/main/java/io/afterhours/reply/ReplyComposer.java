package io.afterhours.reply;

import io.afterhours.policy.Decision;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MailboxIdentity;
import io.afterhours.policy.MessageFacts;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.Schedule;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a decision to reply into the reply itself: picks the template by situation and language,
 * renders it, and fills in the threading headers. Pure apart from the injected Message-ID
 * generator: the reply instant is an argument, and nothing here reads files or clocks.
 */
public final class ReplyComposer {
  /** At most this many ids in References; enough to thread, short enough for any server. */
  public static final int MAX_REFERENCES = 10;

  private final TemplateCatalog catalog;
  private final TemplateChoice choice;
  private final MessageIdGenerator messageIds;
  private final Map<String, String> customValues;

  public ReplyComposer(
      TemplateCatalog catalog, TemplateChoice choice, MessageIdGenerator messageIds) {
    this(catalog, choice, messageIds, Map.of());
  }

  /**
   * @param customValues the owner's values ({@code values} in the config), for {@code
   *     {{values.<name>}}}
   */
  public ReplyComposer(
      TemplateCatalog catalog,
      TemplateChoice choice,
      MessageIdGenerator messageIds,
      Map<String, String> customValues) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.choice = Objects.requireNonNull(choice, "choice");
    this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
    this.customValues = Map.copyOf(customValues);
  }

  /**
   * The reply to {@code original}.
   *
   * @param identity the mailbox that received the original
   * @param reply the policy's decision: recipient, situation and timing
   * @param schedule the mailbox's schedule, for its zone and weekly hours
   * @param at the reply's Date; also seeds its Message-ID
   * @throws TemplateException when no template fits or one fails to render; {@link
   *     TemplateCatalog#validate} at start-up reports both beforehand
   */
  public OutgoingReply compose(
      MessageFacts original,
      MailboxIdentity identity,
      Decision.Reply reply,
      Schedule schedule,
      Instant at) {
    String name = templateName(reply);
    String wanted = choice.languageFor(reply.recipient()).orElse(catalog.defaultLanguage());
    ReplyTemplate template =
        catalog
            .find(name, wanted)
            .orElseThrow(
                () ->
                    new TemplateException(
                        new TemplateProblem(
                            name + "." + wanted + ".txt",
                            0,
                            "no template, and no after-hours template to fall back to")));
    ReplyValues values =
        ReplyValues.of(
            reply.recipient(),
            original.subject(),
            identity.owner(),
            reply.timing(),
            original.sentOffset(),
            schedule.zone(),
            schedule.weeklyHours(),
            LanguageStyles.forLanguage(template.language()),
            customValues);
    RenderedReply rendered = template.render(values);
    String subject = HeaderText.clean(rendered.subject());
    if (subject.isEmpty()) {
      subject = HeaderText.clean("Auto: " + original.subject());
    }
    MailAddress owner = identity.owner();
    return new OutgoingReply(
        identity.name(),
        safe(owner),
        safe(reply.recipient()),
        subject,
        rendered.text(),
        rendered.html(),
        messageIds.messageIdFor(owner.domain(), at),
        HeaderText.clean(original.messageId()),
        ThreadReferences.of(original, MAX_REFERENCES),
        at,
        template.name(),
        template.language());
  }

  private String templateName(Decision.Reply reply) {
    return switch (reply.situation()) {
      case AFTER_HOURS -> choice.replyTemplate();
      case HOLIDAY -> TemplateCatalog.HOLIDAY;
      case AWAY ->
          reply
              .timing()
              .window()
              .flatMap(ClosedWindow::away)
              .map(AwayPeriod::template)
              .filter(t -> !t.isBlank())
              .orElse(TemplateCatalog.AWAY);
      case INTERNAL -> TemplateCatalog.INTERNAL;
      case OPEN -> TemplateCatalog.OPEN;
    };
  }

  private static MailAddress safe(MailAddress address) {
    return new MailAddress(HeaderText.clean(address.address()), HeaderText.clean(address.name()));
  }
}
