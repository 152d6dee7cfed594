package io.afterhours.policy;

/** The outcome of the reply policy for one message. */
public sealed interface Decision permits Decision.Reply, Decision.Skip {

  /**
   * In a few words, as {@code preview} and the status page show it: for a reply, the situation and
   * the closure ({@code AFTER_HOURS (weekend)}); for a skip, its reason and detail.
   */
  default String summary() {
    if (this instanceof Reply r) {
      String closure =
          r.timing()
              .window()
              .map(w -> w.reason().word() + (w.label().isEmpty() ? "" : ": " + w.label()))
              .orElse("open");
      return r.situation().name() + " (" + closure + ")";
    }
    Skip skip = (Skip) this;
    return skip.detail().isEmpty()
        ? skip.reason().code()
        : skip.reason().code() + ": " + skip.detail();
  }

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
