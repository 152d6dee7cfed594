package io.afterhours.policy;

/** The outcome of the reply policy for one message. */
public sealed interface Decision permits Decision.Reply, Decision.Skip {

  /**
   * Answer the message.
   *
   * @param recipient where the reply goes (Return-Path, else Sender, else From)
   * @param situation which kind of reply fits
   * @param timing when the office opens and by when the owner will answer
   */
  record Reply(MailAddress recipient, Situation situation, ReplyTiming timing)
      implements Decision {}

  /**
   * Leave the message alone.
   *
   * @param detail a short operator-facing detail, e.g. the header that triggered the rule
   */
  record Skip(SkipReason reason, String detail) implements Decision {
    public static Skip because(SkipReason reason, String detail) {
      return new Skip(reason, detail);
    }
  }
}
