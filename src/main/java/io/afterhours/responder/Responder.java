package io.afterhours.responder;

import io.afterhours.config.OfficeSettings;
import io.afterhours.policy.Correspondents;
import io.afterhours.policy.Decision;
import io.afterhours.policy.MailboxIdentity;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.ReplyHistory;
import io.afterhours.policy.ReplyPolicy;
import io.afterhours.reply.LanguageRule;
import io.afterhours.reply.MessageIdGenerator;
import io.afterhours.reply.OutgoingReply;
import io.afterhours.reply.ReplyComposer;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.reply.TemplateChoice;
import io.afterhours.schedule.Schedule;
import java.time.Instant;
import java.util.List;

/**
 * One mailbox's brain: the reply policy over its office's schedule, and the composer over its
 * templates. Used alike by {@code preview} (with an empty history) and by every mail pass.
 */
public final class Responder {
  private final MailboxIdentity identity;
  private final OfficeSettings office;
  private final Schedule schedule;
  private final ReplyPolicy policy;
  private final ReplyComposer composer;
  private final MessageIdGenerator messageIds;

  public Responder(
      MailboxIdentity identity,
      OfficeSettings office,
      TemplateCatalog templates,
      ReplyHistory history,
      MessageIdGenerator messageIds) {
    this(identity, office, office.schedule(), templates, history, messageIds);
  }

  /**
   * @param schedule the office's schedule as the daemon sees it: the configured one, or one that
   *     also keeps the away periods of the store ({@link io.afterhours.schedule.LiveSchedule})
   */
  public Responder(
      MailboxIdentity identity,
      OfficeSettings office,
      Schedule schedule,
      TemplateCatalog templates,
      ReplyHistory history,
      MessageIdGenerator messageIds) {
    this(identity, office, schedule, templates, history, Correspondents.nobody(), messageIds);
  }

  /**
   * @param schedule the office's schedule as the daemon sees it: the configured one, or one that
   *     also keeps the away periods of the store ({@link io.afterhours.schedule.LiveSchedule})
   * @param correspondents whom the owner has written to, for {@code reply.only-to = correspondents}
   */
  public Responder(
      MailboxIdentity identity,
      OfficeSettings office,
      Schedule schedule,
      TemplateCatalog templates,
      ReplyHistory history,
      Correspondents correspondents,
      MessageIdGenerator messageIds) {
    this.identity = identity;
    this.office = office;
    this.schedule = schedule;
    this.messageIds = messageIds;
    this.policy =
        new ReplyPolicy(
            office.reply().policy(), schedule, history, correspondents, office.responseTime());
    List<LanguageRule> rules =
        office.reply().languagesByDomain().entrySet().stream()
            .map(e -> new LanguageRule(e.getKey(), e.getValue()))
            .toList();
    this.composer =
        new ReplyComposer(
            templates,
            new TemplateChoice(office.reply().template(), rules),
            messageIds,
            office.values());
  }

  public MailboxIdentity identity() {
    return identity;
  }

  public OfficeSettings office() {
    return office;
  }

  public Schedule schedule() {
    return schedule;
  }

  /** Reply or skip, judging "closed now" at {@code now}. */
  public Decision decide(MessageFacts facts, Instant now) {
    return policy.decide(facts, identity, now);
  }

  /** A new Message-ID on the owner's domain, e.g. for a message redirected to a stand-in. */
  public String newMessageId(Instant at) {
    return messageIds.messageIdFor(identity.owner().domain(), at);
  }

  /** The rendered reply for a message the policy decided to answer. */
  public OutgoingReply compose(MessageFacts facts, Decision.Reply reply, Instant at) {
    return composer.compose(facts, identity, reply, schedule, at);
  }
}
