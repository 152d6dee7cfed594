package io.afterhours.reply;

import java.util.Objects;

/**
 * One thing wrong with a template file, worded for the operator who must fix it.
 *
 * @param source the file the template came from, e.g. {@code config/templates/after-hours.id.txt}
 * @param line the 1-based line in that file; 0 when the problem concerns the file as a whole
 * @param message a plain sentence, e.g. {@code unknown placeholder {{sender.nmae}}}
 */
public record TemplateProblem(String source, int line, String message) {
  public TemplateProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /** The problem without its file, e.g. {@code line 3: unknown placeholder {{sender.nmae}}}. */
  public String sentence() {
    return line > 0 ? "line " + line + ": " + message : message;
  }

  /** The {@code file:line: message} form that {@code check} prints. */
  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
  }
}
