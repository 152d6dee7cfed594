package io.afterhours.policy;

import java.util.Objects;

/**
 * A Return-Path, Sender or From field that is there but holds no address a reply may go to: it is
 * not RFC 5322 syntax, is a group, or its address fails the strict check of the mail adapter (an
 * encoded-word, a quoted local part, a domain that is no host name…). A reply is never sent to a
 * guess made from such a field, and the next field is not tried in its place: the operator sees the
 * value in the NO_SENDER skip instead.
 *
 * @param field the field's name as usually written: {@code Return-Path}, {@code Sender} or {@code
 *     From}
 * @param value the field's raw value, sanitized (no line breaks or controls), not decoded
 * @param problem why it holds no address, e.g. {@code no domain after the @}
 */
public record UnusableAddress(String field, String value, String problem) {
  public UnusableAddress {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(problem, "problem");
  }
}
