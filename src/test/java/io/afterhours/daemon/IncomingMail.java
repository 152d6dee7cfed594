package io.afterhours.daemon;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** A message as a client's mail program would write it; headers are set exactly as given. */
final class IncomingMail {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private String body = "Halo, mohon dibalas. Terima kasih.";

  private IncomingMail() {}

  /** A plain message from {@code from} to {@code to} with a fresh Message-ID. */
  static IncomingMail from(String from, String to) {
    return new IncomingMail()
        .header("From", from)
        .header("To", to)
        .header("Subject", "Pertanyaan proyek")
        .header("Message-ID", "<it-" + IDS.incrementAndGet() + "." + System.nanoTime() + "@klien>");
  }

  /** Replaces every value of {@code name}; an empty value removes the header. */
  IncomingMail header(String name, String value) {
    headers.remove(name);
    if (!value.isEmpty()) {
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return this;
  }

  IncomingMail subject(String subject) {
    return header("Subject", subject);
  }

  IncomingMail messageId(String id) {
    return header("Message-ID", id);
  }

  String messageId() {
    return headers.get("Message-ID").get(0);
  }

  IncomingMail body(String text) {
    body = text;
    return this;
  }

  MimeMessage build(Instant sent) throws MessagingException {
    MimeMessage message =
        new MimeMessage(Session.getInstance(new Properties())) {
          @Override
          protected void updateMessageID() {
            // keep the Message-ID we were given
          }
        };
    message.setSentDate(Date.from(sent));
    message.setText(body, "UTF-8");
    headers.forEach(
        (name, values) -> {
          try {
            message.removeHeader(name);
            for (String value : values) {
              message.addHeader(name, value);
            }
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        });
    message.saveChanges();
    return message;
  }
}
