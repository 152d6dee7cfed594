package io.afterhours.mail;

import io.afterhours.policy.Headers;
import io.afterhours.policy.MailAddress;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.UnusableAddress;
import io.afterhours.reply.HeaderText;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the header facts of a message into {@link MessageFacts}. Only headers are looked at, never
 * the body.
 *
 * <p>Broken mail is normal mail: a malformed header never throws out of this reader. Each field is
 * read on its own; one that cannot be read counts as absent (a recipient list yields the addresses
 * its parser found, an undecodable encoded-word stays as written, a Date that is not a date gives
 * no offset). Return-Path, Sender and From are read strictly ({@link SenderFields}): one that holds
 * no valid address is reported as unusable, with its value, and the policy skips with NO_SENDER.
 * When not even the header block can be read, the facts hold the arrival time and nothing else,
 * which the policy treats as "no sender" and skips, visibly, instead of the message vanishing.
 *
 * <p>Header fields in raw UTF-8 (RFC 6532) are read as UTF-8 however the message was loaded ({@link
 * RawUtf8}).
 */
public final class MessageFactsReader {
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  private static final Logger LOG = LoggerFactory.getLogger(MessageFactsReader.class);
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>]*>");

  /** RFC 5322 §3.6.8: printable US-ASCII except colon. */
  private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

  private static final List<String> RECIPIENT_FIELDS =
      List.of("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc");

  private MessageFactsReader() {}

  /**
   * The facts of {@code message}.
   *
   * @param message a message or part whose headers are loaded (or loadable)
   * @param arrival when the server received it (IMAP INTERNALDATE)
   */
  public static MessageFacts read(Part message, Instant arrival) {
    Map<String, List<String>> raw = rawHeaders(message);
    Map<String, List<String>> decoded = new LinkedHashMap<>();
    raw.forEach(
        (name, values) -> decoded.put(name, values.stream().map(EncodedWords::decode).toList()));
    Headers headers = Headers.of(decoded);
    Optional<String> returnPath = first(raw, "Return-Path");
    // RFC 3834 §2 and RFC 5321 §4.5.5: "<>" is the null reverse-path of bounces and other
    // automatic mail.
    boolean nullSender = returnPath.map(MessageFactsReader::isNullPath).orElse(false);
    List<UnusableAddress> unusable = new ArrayList<>();
    return new MessageFacts(
        messageId(headers.first("Message-ID").orElse("")),
        arrival,
        nullSender,
        nullSender ? Optional.empty() : oneMailbox("Return-Path", returnPath, unusable),
        from(values(raw, "From"), unusable),
        oneMailbox("Sender", first(raw, "Sender"), unusable),
        recipients(raw),
        headers.first("Subject").orElse(""),
        messageIds(headers.all("In-Reply-To")),
        messageIds(headers.all("References")),
        headers.first("Date").flatMap(DateOffsets::offsetOf),
        headers,
        unusable);
  }

  /**
   * The facts of a message saved as an {@code .eml} file (RFC 5322), for {@code preview --message}.
   * The body is read along but never looked at.
   */
  public static MessageFacts readEml(Path file, Instant arrival) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return read(new MimeMessage(offlineSession(), in), arrival);
    } catch (MessagingException e) {
      throw new IOException("cannot read " + file + " as a message: " + e.getMessage(), e);
    }
  }

  /**
   * The facts of a message described on the command line, built as a real message and read back
   * through {@link #read}, so {@code preview} sees exactly what a pass would see.
   *
   * @param from the From value, e.g. {@code "Budi <budi@example.id>"}; blank for none
   * @param to the To value; blank for none
   * @param subject the subject, any characters
   * @param extraHeaders further fields, each {@code "Name: value"}
   * @throws IllegalArgumentException when an extra header is not {@code "Name: value"}
   */
  public static MessageFacts fromFields(
      String from, String to, String subject, List<String> extraHeaders, Instant arrival) {
    try {
      MimeMessage message = new MimeMessage(offlineSession());
      if (!from.isBlank()) {
        message.setHeader("From", HeaderText.clean(from));
      }
      if (!to.isBlank()) {
        message.setHeader("To", HeaderText.clean(to));
      }
      if (!subject.isEmpty()) {
        message.setSubject(HeaderText.clean(subject), "UTF-8");
      }
      for (String line : extraHeaders) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? "" : line.substring(0, colon).trim();
        if (!FIELD_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "header \"" + line + "\" is not of the form \"Name: value\"");
        }
        message.addHeader(name, HeaderText.clean(line.substring(colon + 1)));
      }
      return read(message, arrival);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot build a message: " + e.getMessage(), e);
    }
  }

  static {
    // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan on every encoded word
    // (jakartaee/mail-api#861): naming the provider skips the scan and reads headers ~6x faster.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  /** One session for every offline message: creating a Session loads its providers (ms). */
  private static final Session OFFLINE = newOfflineSession();

  private static Session offlineSession() {
    return OFFLINE;
  }

  /**
   * Without {@code mail.mime.allowutf8}, a file's header bytes are read one char per byte, exactly
   * as Angus reads them over IMAP, and {@link RawUtf8} turns both into the same text.
   */
  private static Session newOfflineSession() {
    return Session.getInstance(new Properties());
  }

  /** Header name to raw values, in message order; empty when the header block is unreadable. */
  private static Map<String, List<String>> rawHeaders(Part message) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    try {
      for (Header header : Collections.list(message.getAllHeaders())) {
        String name = header.getName() == null ? "" : header.getName().trim();
        if (!name.isEmpty()) {
          fields
              .computeIfAbsent(name, n -> new ArrayList<>())
              .add(header.getValue() == null ? "" : RawUtf8.recover(header.getValue()));
        }
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.warn("cannot read the header block, using what was read: {}", e.toString());
    }
    return fields;
  }

  /** Values of {@code name}, matched case-insensitively as RFC 5322 requires. */
  private static List<String> values(Map<String, List<String>> raw, String name) {
    List<String> found = new ArrayList<>();
    raw.forEach(
        (key, values) -> {
          if (key.equalsIgnoreCase(name)) {
            found.addAll(values);
          }
        });
    return found;
  }

  private static Optional<String> first(Map<String, List<String>> raw, String name) {
    return values(raw, name).stream().findFirst();
  }

  private static List<MailAddress> addresses(Map<String, List<String>> raw, String name) {
    List<MailAddress> found = new ArrayList<>();
    for (String value : values(raw, name)) {
      found.addAll(AddressLists.parse(value));
    }
    return found;
  }

  private static List<MailAddress> recipients(Map<String, List<String>> raw) {
    List<MailAddress> found = new ArrayList<>();
    for (String field : RECIPIENT_FIELDS) {
      found.addAll(addresses(raw, field));
    }
    return found;
  }

  /** Return-Path or Sender: one valid mailbox, else nothing (and the field noted as unusable). */
  private static Optional<MailAddress> oneMailbox(
      String field, Optional<String> raw, List<UnusableAddress> unusable) {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    SenderFields.Reading reading = SenderFields.oneMailbox(raw.get());
    if (reading instanceof SenderFields.Mailboxes found) {
      return Optional.of(found.addresses().get(0));
    }
    unusable.add(unusable(field, raw.get(), (SenderFields.Unusable) reading));
    return Optional.empty();
  }

  /** Every From mailbox; none when any From field is unusable (then it is noted). */
  private static List<MailAddress> from(List<String> values, List<UnusableAddress> unusable) {
    List<MailAddress> found = new ArrayList<>();
    for (String value : values) {
      SenderFields.Reading reading = SenderFields.mailboxes(value);
      if (reading instanceof SenderFields.Unusable problem) {
        unusable.add(unusable("From", value, problem));
        return List.of();
      }
      found.addAll(((SenderFields.Mailboxes) reading).addresses());
    }
    return found;
  }

  private static UnusableAddress unusable(String field, String raw, SenderFields.Unusable reading) {
    // The raw value, not the decoded one: what an encoded-word hides is part of the story.
    return new UnusableAddress(field, HeaderText.clean(MimeUtility.unfold(raw)), reading.problem());
  }

  private static boolean isNullPath(String value) {
    return HeaderText.clean(value).replace(" ", "").equals("<>");
  }

  /** The first {@code <id>} of the value, or the value in brackets when it has none. */
  static String messageId(String value) {
    List<String> ids = messageIds(List.of(value));
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    String bare = value.replaceAll("\\s", "");
    return bare.isEmpty() ? "" : "<" + bare + ">";
  }

  /** Every {@code <id>} token of the values, with white space inside a token removed. */
  static List<String> messageIds(List<String> values) {
    List<String> ids = new ArrayList<>();
    for (String value : values) {
      Matcher matcher = MESSAGE_ID.matcher(value);
      while (matcher.find()) {
        String id = matcher.group().replaceAll("\\s", "");
        if (id.length() > 2) {
          ids.add(id);
        }
      }
    }
    return ids;
  }
}
