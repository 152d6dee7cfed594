package io.afterhours.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header fields of a message, by case-insensitive name, with values already unfolded and
 * decoded (RFC 2047), in the order they appear.
 */
public final class Headers {
  private final Map<String, List<String>> byName;

  private Headers(Map<String, List<String>> byName) {
    this.byName = byName;
  }

  public static Headers of(Map<String, List<String>> fields) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    fields.forEach(
        (name, values) ->
            copy.merge(
                name.toLowerCase(Locale.ROOT),
                List.copyOf(values),
                (a, b) -> {
                  var joined = new java.util.ArrayList<>(a);
                  joined.addAll(b);
                  return List.copyOf(joined);
                }));
    return new Headers(Collections.unmodifiableMap(copy));
  }

  public static Headers empty() {
    return new Headers(Map.of());
  }

  public List<String> all(String name) {
    return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  public Optional<String> first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).trim());
  }

  public boolean has(String name) {
    return !all(name).isEmpty();
  }

  /** Lower-case names of every field present. */
  public Set<String> names() {
    return byName.keySet();
  }

  @Override
  public String toString() {
    return byName.toString();
  }
}
