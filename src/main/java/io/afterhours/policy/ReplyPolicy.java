package io.afterhours.policy;

import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether one incoming message gets an auto-reply (DESIGN §5: RFC 3834, RFC 5230 §4.5–4.6
 * and field experience). Pure: no I/O of its own, no clock; the reply history and the
 * correspondents are ports.
 *
 * <p>The rules run in the order listed in the constructor, cheapest first: header facts, then
 * working time, then whom the owner knows and the reply history. The first rule that applies names
 * the {@link SkipReason}.
 */
public final class ReplyPolicy {
  private final Schedule schedule;
  private final Duration responseTime;
  private final SituationChoice situations;
  private final List<SkipRule> rules;

  /**
   * @param responseTime working time after opening within which the owner answers ({@code
   *     response-time})
   */
  public ReplyPolicy(
      PolicySettings settings, Schedule schedule, ReplyHistory history, Duration responseTime) {
    this(settings, schedule, history, Correspondents.nobody(), responseTime);
  }

  /**
   * @param correspondents whom the owner has written to, for {@code reply.only-to = correspondents}
   * @param responseTime working time after opening within which the owner answers ({@code
   *     response-time})
   */
  public ReplyPolicy(
      PolicySettings settings,
      Schedule schedule,
      ReplyHistory history,
      Correspondents correspondents,
      Duration responseTime) {
    Objects.requireNonNull(settings, "settings");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.responseTime = Objects.requireNonNull(responseTime, "responseTime");
    this.situations = new SituationChoice(settings.internalDomains());
    SenderRules senders = new SenderRules(settings.neverReplyTo());
    AutoReplyLoopRules loops = new AutoReplyLoopRules(history);
    TimeRules time = new TimeRules(schedule, settings);
    HistoryRules past = new HistoryRules(history, schedule, settings);
    AudienceRules audience = new AudienceRules(settings, correspondents);
    this.rules =
        List.of(
            // header facts: no state needed
            EnvelopeRules::nullSender, //                    NULL_SENDER
            EnvelopeRules::noSender, //                      NO_SENDER
            AutomatedMailRules::autoSubmitted, //            AUTO_SUBMITTED
            AutomatedMailRules::otherAutoReplyMarks, //      AUTO_SUBMITTED
            AutomatedMailRules::bulkPrecedence, //           BULK_PRECEDENCE
            AutomatedMailRules::listMail, //                 LIST_MAIL
            AutomatedMailRules::responseSuppressed, //       RESPONSE_SUPPRESSED
            AutomatedMailRules::spamFlag, //                 SPAM
            AutomatedMailRules::forgedSender, //             FORGED_SENDER
            SenderRules::robotSender, //                     ROBOT_SENDER
            senders::noReplySender, //                       NO_REPLY_SENDER
            OwnAddressRules::ownAddress, //                  OWN_ADDRESS
            OwnAddressRules::notAddressedToUs, //            NOT_ADDRESSED_TO_US
            AutoReplyLoopRules::answersOurReplyByShape, //   REPLY_TO_AUTO_REPLY
            // working time
            time::openAtArrival, //                          OPEN_AT_ARRIVAL
            time::openNow, //                                OPEN_NOW
            time::tooOld, //                                 TOO_OLD
            // whom the owner knows, then the reply history
            audience::unknownSender, //                      UNKNOWN_SENDER
            past::alreadyAnswered, //                        ALREADY_ANSWERED
            loops::answersOurReplyByHistory, //              REPLY_TO_AUTO_REPLY
            past::repliedRecently, //                        ALREADY_REPLIED_IN_WINDOW, MIN_INTERVAL
            past::hourlyLimit); //                           HOURLY_LIMIT
  }

  /**
   * The decision for one message.
   *
   * @param mailbox the mailbox the message arrived in
   * @param now the instant of the decision (the caller's clock, or {@code once --now})
   */
  public Decision decide(MessageFacts facts, MailboxIdentity mailbox, Instant now) {
    Candidate candidate = new Candidate(facts, mailbox, now);
    for (SkipRule rule : rules) {
      Optional<Decision.Skip> skip = rule.check(candidate);
      if (skip.isPresent()) {
        return skip.get();
      }
    }
    // The rules above guarantee a sender (NULL_SENDER, NO_SENDER).
    return reply(facts.replyAddress().orElseThrow(), facts.arrival());
  }

  private Decision.Reply reply(MailAddress recipient, Instant arrival) {
    Optional<ClosedWindow> window = schedule.closedWindowAt(arrival);
    ReplyTiming timing =
        new ReplyTiming(
            window, schedule.nextOpeningAt(arrival), schedule.respondBy(arrival, responseTime));
    return new Decision.Reply(recipient, situations.choose(recipient, window), timing);
  }
}
