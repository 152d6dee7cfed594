package io.afterhours.config;

/**
 * One thing wrong with the configuration, located for a person: {@code config/afterhours.conf:14:
 * hours.monday[1]: "13:00-25:00" is not a time range like "13:00-16:00"}.
 *
 * @param file the file as the user named it, or a description such as "reference.conf"
 * @param line the 1-based line, or -1 when unknown
 * @param key the setting's path, e.g. {@code hours.monday[1]}; empty for a file-level problem
 * @param message a plain sentence
 */
public record ConfigProblem(String file, int line, String key, String message) {

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line);
    }
    text.append(": ");
    if (!key.isEmpty()) {
      text.append(key).append(": ");
    }
    return text.append(message).toString();
  }
}
