package io.afterhours.sieve;

import java.util.Objects;

/**
 * One reply as the vacation action sends it: subject and text body with {@code ${…}} holes that the
 * script fills at delivery (see {@link ReplyHoles}).
 *
 * @param language the language of the template the reply came from
 * @param template the template's name, e.g. {@code after-hours}
 */
record SieveReply(String subject, String body, String language, String template) {
  SieveReply {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(template, "template");
  }
}
