package io.afterhours.reply;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A template could not be read or rendered. It carries every problem found, so that {@code check}
 * can show them all at once instead of one per run.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<TemplateProblem> problems;

  public TemplateException(List<TemplateProblem> problems) {
    super(problems.stream().map(TemplateProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public TemplateException(TemplateProblem problem) {
    this(List.of(problem));
  }

  public List<TemplateProblem> problems() {
    return problems;
  }
}
