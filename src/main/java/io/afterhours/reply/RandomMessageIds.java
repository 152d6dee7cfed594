package io.afterhours.reply;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Message-IDs of the form {@code <afterhours.TIME.RANDOM@domain>} (RFC 5322 §3.6.4): the reply
 * instant in base 36 keeps ids roughly sortable when reading logs, and 96 random bits from {@link
 * SecureRandom} make them unique across nodes of a cluster without coordination. The {@code
 * afterhours.} prefix lets us recognise replies to our own replies.
 */
public final class RandomMessageIds implements MessageIdGenerator {
  /** The left-hand side every id starts with. */
  public static final String PREFIX = "afterhours.";

  private static final Pattern DOMAIN =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final String FALLBACK_DOMAIN = "afterhours.invalid";

  private final SecureRandom random;

  public RandomMessageIds() {
    this(new SecureRandom());
  }

  public RandomMessageIds(SecureRandom random) {
    this.random = random;
  }

  @Override
  public String messageIdFor(String domain, Instant at) {
    byte[] bits = new byte[12];
    random.nextBytes(bits);
    String right = DOMAIN.matcher(domain).matches() ? domain : FALLBACK_DOMAIN;
    return "<"
        + PREFIX
        + Long.toString(at.toEpochMilli(), 36)
        + "."
        + HexFormat.of().formatHex(bits)
        + "@"
        + right
        + ">";
  }
}
