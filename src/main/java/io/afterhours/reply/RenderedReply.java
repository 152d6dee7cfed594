package io.afterhours.reply;

import java.util.Objects;
import java.util.Optional;

/** A template filled with values: the raw subject line and the bodies. */
public record RenderedReply(String subject, String text, Optional<String> html) {
  public RenderedReply {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
  }
}
