package io.afterhours.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a saved message ({@code .eml}, RFC 5322) from any other file, before {@code preview
 * --message} reads it: Jakarta Mail reads anything as a message (a header block that ends at the
 * first line it cannot parse), so {@code /etc/passwd} would become a message without a sender.
 */
public final class MessageFiles {
  /** Enough for the header block of real mail; a longer one is judged by its start. */
  private static final int HEAD = 64 * 1024;

  /** RFC 5322 §2.2: printable US-ASCII but the colon, then a colon. */
  private static final Pattern FIELD = Pattern.compile("[!-9;-~]+:.*");

  /** Fields every message, or the server that stored it, writes: at least one must be there. */
  private static final Set<String> MAIL_FIELDS =
      Set.of(
          "from",
          "to",
          "cc",
          "subject",
          "date",
          "message-id",
          "return-path",
          "sender",
          "reply-to",
          "received",
          "delivered-to",
          "mime-version",
          "in-reply-to",
          "references");

  private MessageFiles() {}

  /**
   * Why {@code file} is not a mail message, e.g. "it holds binary data"; empty when it is one.
   *
   * @throws IOException when the file cannot be read
   */
  public static Optional<String> whyNotAMessage(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD);
    }
    return whyNotAMessage(head);
  }

  static Optional<String> whyNotAMessage(byte[] head) {
    if (head.length == 0) {
      return Optional.of("it is empty");
    }
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        return Optional.of("it holds binary data (a NUL byte at offset " + i + ")");
      }
    }
    String[] lines = new String(head, StandardCharsets.UTF_8).split("\r?\n", -1);
    boolean mailField = false;
    int first = lines[0].startsWith("From ") ? 1 : 0; // an mbox "From " line may come first
    for (int i = first; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      boolean continuation = line.startsWith(" ") || line.startsWith("\t");
      if (continuation && i > first) {
        continue;
      }
      if (!FIELD.matcher(line).matches()) {
        return Optional.of(
            "line "
                + (i + 1)
                + " is not a header field like \"Subject: …\", and the header block of a message"
                + " ends only at an empty line");
      }
      String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
      mailField |= MAIL_FIELDS.contains(name);
    }
    if (!mailField) {
      return Optional.of(
          "its header block has none of From, To, Subject, Date, Message-ID or Received");
    }
    return Optional.empty();
  }
}
