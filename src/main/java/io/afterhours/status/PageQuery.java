package io.afterhours.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The fields of a query string or of a form body ({@code application/x-www-form-urlencoded}). */
final class PageQuery {
  private final Map<String, String> fields;

  private PageQuery(Map<String, String> fields) {
    this.fields = fields;
  }

  /** The first value of each name; a malformed escape makes the field empty, never an error. */
  static PageQuery parse(String raw) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        fields.putIfAbsent(name, value);
      }
    }
    return new PageQuery(fields);
  }

  static PageQuery empty() {
    return new PageQuery(Map.of());
  }

  /** The value, when it is there and not blank. */
  Optional<String> get(String name) {
    return Optional.ofNullable(fields.get(name)).filter(v -> !v.isBlank());
  }

  boolean has(String name) {
    return fields.containsKey(name);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
