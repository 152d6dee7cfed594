package io.afterhours.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the first pass over a folder does, when the store has no cursor for it yet ({@code
 * first-start}): take a baseline at the folder's next UID, so that earlier mail is never answered,
 * or also answer the mail that arrived within a while before, each message still judged by every
 * rule of the policy (max-age included).
 *
 * @param answerSince empty for {@code baseline}; for {@code answer-since 2d}, the two days
 */
public record FirstStart(Optional<Duration> answerSince) {
  public static final FirstStart BASELINE = new FirstStart(Optional.empty());

  private static final Pattern ANSWER_SINCE = Pattern.compile("answer-since\\s+(\\S.*)");

  public FirstStart {
    Objects.requireNonNull(answerSince, "answerSince");
    if (answerSince.isPresent() && (answerSince.get().isNegative() || answerSince.get().isZero())) {
      throw new IllegalArgumentException("answer-since must be longer than zero");
    }
  }

  public static FirstStart answerSince(Duration duration) {
    return new FirstStart(Optional.of(duration));
  }

  /** {@code first-start = baseline | answer-since <duration>}; {@code fallback} when not set. */
  static FirstStart read(ConfigReader in, FirstStart fallback) {
    if (!in.has("first-start")) {
      return fallback;
    }
    String text = in.string("first-start", "baseline").trim();
    if (text.equals("baseline")) {
      return FirstStart.BASELINE;
    }
    Matcher answer = ANSWER_SINCE.matcher(text);
    if (answer.matches()) {
      try {
        Duration since =
            ConfigFactory.empty()
                .withValue("since", ConfigValueFactory.fromAnyRef(answer.group(1).trim()))
                .getDuration("since");
        if (!since.isNegative() && !since.isZero()) {
          return FirstStart.answerSince(since);
        }
      } catch (ConfigException e) {
        // reported below
      }
    }
    in.problem(
        "first-start",
        "\""
            + text
            + "\" is neither baseline nor answer-since and a duration, e.g. answer-since 2d");
    return fallback;
  }

  /** As the config writes it: {@code baseline}, {@code answer-since 2d}. */
  @Override
  public String toString() {
    return answerSince.map(d -> "answer-since " + SettingsLoader.readable(d)).orElse("baseline");
  }
}
