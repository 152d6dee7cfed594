package io.afterhours.policy;

/** The kind of reply a message gets; each maps to a template name (DESIGN §4). */
public enum Situation {
  AFTER_HOURS,
  HOLIDAY,
  AWAY,
  /** The sender is in one of reply.internal-domains. */
  INTERNAL,
  /** reply.during-open-hours: an acknowledgement while the office is open. */
  OPEN
}
