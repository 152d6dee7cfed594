package io.afterhours.reply;

import io.afterhours.policy.MailAddress;
import io.afterhours.policy.ReplyTiming;
import io.afterhours.schedule.AwayPeriod;
import io.afterhours.schedule.ClosedWindow;
import io.afterhours.schedule.WeeklyHours;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values a template is rendered with (DESIGN §4), already formatted for one language.
 *
 * <p>Three values are optional, so that a template shows them inside a section only:
 *
 * <ul>
 *   <li>{@code nextOpeningSenderTime} exists only when the sender's own UTC offset (from the Date
 *       header) differs from the office's offset at the next opening; telling a sender in the same
 *       zone the same time twice would be noise.
 *   <li>{@code closedBecause} exists whenever the message arrived in a closed window, that is for
 *       every situation except an open-hours acknowledgement.
 *   <li>{@code away} ({@code away.until}, {@code away.note}) exists only for an away period; an
 *       empty note counts as false in a section.
 * </ul>
 *
 * <p>{@code values} holds the owner's own text from the config ({@code {{values.portfolio}}}); a
 * value set to the empty string is left out, like the optional values above.
 *
 * <p>{@code sender.name} is the display name from the sender's mail; without one it is a polite
 * generic form ("Bapak/Ibu", "Sir or Madam"), never the address's local part, which is often a role
 * or a code ("info", "js1984") and reads as cold in a greeting.
 */
public final class ReplyValues {
  private final Map<String, Object> values;

  private ReplyValues(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * Values for one reply.
   *
   * @param sender the reply's recipient, with the display name from From when known
   * @param originalSubject the original's decoded subject
   * @param owner the mailbox owner
   * @param timing when the office opens and by when the owner answers
   * @param senderOffset the UTC offset of the original's Date header, when it had one
   * @param zone the office's zone
   * @param hours the office's weekly hours
   * @param style the template language's formats and words
   */
  public static ReplyValues of(
      MailAddress sender,
      String originalSubject,
      MailAddress owner,
      ReplyTiming timing,
      Optional<ZoneOffset> senderOffset,
      ZoneId zone,
      WeeklyHours hours,
      LanguageStyle style) {
    return of(sender, originalSubject, owner, timing, senderOffset, zone, hours, style, Map.of());
  }

  /**
   * Values for one reply, with the owner's own ({@code {{values.portfolio}}}).
   *
   * @param custom the owner's values by name ({@code values} in the config); an empty one is left
   *     out, so that a section over it stays hidden and a bare use of it fails at {@code check}
   */
  public static ReplyValues of(
      MailAddress sender,
      String originalSubject,
      MailAddress owner,
      ReplyTiming timing,
      Optional<ZoneOffset> senderOffset,
      ZoneId zone,
      WeeklyHours hours,
      LanguageStyle style,
      Map<String, String> custom) {
    Map<String, Object> v = new LinkedHashMap<>();
    String senderName = HeaderText.clean(sender.name());
    v.put("sender", person(senderName.isEmpty() ? style.genericSender() : senderName, sender));
    v.put("original", Map.of("subject", HeaderText.clean(originalSubject)));
    String ownerName = HeaderText.clean(owner.name());
    v.put("owner", person(ownerName.isEmpty() ? owner.address() : ownerName, owner));
    Instant next = timing.nextOpening();
    v.put("nextOpening", style.dateTime(next, zone));
    v.put("respondBy", style.dateTime(timing.respondBy(), zone));
    senderOffset
        .filter(offset -> !offset.equals(zone.getRules().getOffset(next)))
        .ifPresent(offset -> v.put("nextOpeningSenderTime", style.dateTime(next, offset)));
    timing
        .window()
        .ifPresent(w -> v.put("closedBecause", style.closedBecause(w.reason(), w.label())));
    timing.window().flatMap(ClosedWindow::away).ifPresent(a -> v.put("away", away(a, zone, style)));
    v.put("hoursTable", HoursTable.render(hours, style));
    Map<String, Object> own = new LinkedHashMap<>();
    custom.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            own.put(name, value);
          }
        });
    v.put("values", Map.copyOf(own));
    return new ReplyValues(Map.copyOf(v));
  }

  /** The values as Mustache reads them: nested maps for the dotted names. */
  Map<String, Object> asMap() {
    return values;
  }

  /** One value by its template name, e.g. {@code sender.name}; empty when absent. */
  public Optional<String> get(String name) {
    Object value = values;
    for (String part : name.split("\\.")) {
      if (!(value instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return Optional.empty();
      }
      value = map.get(part);
    }
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private static Map<String, Object> person(String name, MailAddress address) {
    return Map.of("name", name, "address", address.address());
  }

  private static Map<String, Object> away(AwayPeriod away, ZoneId zone, LanguageStyle style) {
    return Map.of(
        "until", style.dateTime(away.until(), zone), "note", HeaderText.clean(away.note()));
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
