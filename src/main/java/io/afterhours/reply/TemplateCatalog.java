package io.afterhours.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every template of a configuration, by name and language, with the fallbacks of DESIGN §4: a
 * missing situation template falls back to {@code after-hours}, a missing language to the default
 * language.
 *
 * <p>Building a catalog never fails: files that do not parse are left out and their problems kept
 * for {@link #validate}, so that {@code check} reports every problem of every file at once. The
 * daemon must refuse to start while {@code validate} reports anything, since a broken file would
 * otherwise be replaced silently by its fallback.
 */
public final class TemplateCatalog {
  /** The template every other falls back to. */
  public static final String AFTER_HOURS = "after-hours";

  public static final String HOLIDAY = "holiday";
  public static final String AWAY = "away";
  public static final String INTERNAL = "internal";
  public static final String OPEN = "open";

  private final String defaultLanguage;
  private final Map<String, ReplyTemplate> templates;
  private final List<TemplateProblem> loadProblems;

  private TemplateCatalog(
      String defaultLanguage,
      Map<String, ReplyTemplate> templates,
      List<TemplateProblem> problems) {
    this.defaultLanguage = defaultLanguage;
    this.templates = Map.copyOf(templates);
    this.loadProblems = List.copyOf(problems);
  }

  /**
   * A catalog from file names and contents, e.g. {@code "config/templates/after-hours.id.txt" ->
   * "Subject: …"}. Pass only the {@code .txt} and {@code .html} files of the templates folder.
   */
  public static TemplateCatalog fromFiles(Map<String, String> files, String defaultLanguage) {
    List<TemplateSource> sources = new ArrayList<>();
    List<TemplateProblem> problems = new ArrayList<>();
    files.forEach(
        (file, text) ->
            TemplateSource.fromFile(file, text)
                .ifPresentOrElse(
                    sources::add,
                    () ->
                        problems.add(
                            new TemplateProblem(
                                file,
                                0,
                                "the file name should look like <name>.<language>.txt or"
                                    + " <name>.<language>.html, e.g. after-hours.id.txt"))));
    return of(sources, defaultLanguage, problems);
  }

  /** A catalog from sources whose names and languages are already known. */
  public static TemplateCatalog of(List<TemplateSource> sources, String defaultLanguage) {
    return of(sources, defaultLanguage, List.of());
  }

  private static TemplateCatalog of(
      List<TemplateSource> sources, String defaultLanguage, List<TemplateProblem> earlier) {
    List<TemplateProblem> problems = new ArrayList<>(earlier);
    Map<String, ReplyTemplate> parsed = new LinkedHashMap<>();
    for (TemplateSource s : sources) {
      if (s.kind() == TemplateSource.Kind.TEXT) {
        try {
          parsed.put(
              key(s.name(), s.language()),
              ReplyTemplate.parse(s.name(), s.language(), s.source(), s.text()));
        } catch (TemplateException e) {
          problems.addAll(e.problems());
        }
      }
    }
    Set<String> textKeys = textKeys(sources);
    for (TemplateSource s : sources) {
      if (s.kind() != TemplateSource.Kind.HTML) {
        continue;
      }
      String key = key(s.name(), s.language());
      ReplyTemplate text = parsed.get(key);
      if (text == null) {
        if (!textKeys.contains(key)) {
          problems.add(
              new TemplateProblem(
                  s.source(),
                  0,
                  "an HTML template needs its text template " + key + ".txt beside it"));
        }
        continue;
      }
      try {
        parsed.put(key, text.withHtml(s.source(), s.text()));
      } catch (TemplateException e) {
        problems.addAll(e.problems());
      }
    }
    return new TemplateCatalog(normalize(defaultLanguage), parsed, problems);
  }

  /**
   * The template for {@code name} in {@code language}, else {@code after-hours} in {@code
   * language}, else {@code name} in the default language, else {@code after-hours} in the default
   * language. The sender's language wins over the situation: a general reply the sender can read
   * serves better than a fitting one they cannot.
   */
  public Optional<ReplyTemplate> find(String name, String language) {
    for (String l : List.of(normalize(language), defaultLanguage)) {
      for (String candidate : List.of(name, AFTER_HOURS)) {
        ReplyTemplate t = templates.get(key(candidate, l));
        if (t != null) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  /** The template for exactly this name and language, without fallbacks. */
  Optional<ReplyTemplate> exact(String name, String language) {
    return Optional.ofNullable(templates.get(key(name, language)));
  }

  /** Every problem: the files that did not parse, and what {@link CatalogCheck} finds. */
  public List<TemplateProblem> validate(TemplateUsage usage) {
    List<TemplateProblem> problems = new ArrayList<>(loadProblems);
    problems.addAll(new CatalogCheck(this, usage).run());
    return List.copyOf(new LinkedHashSet<>(problems));
  }

  /** {@link #validate(TemplateUsage)} for the default configuration. */
  public List<TemplateProblem> validate() {
    return validate(TemplateUsage.defaults());
  }

  public String defaultLanguage() {
    return defaultLanguage;
  }

  /** The templates that parsed, in no particular order. */
  public List<ReplyTemplate> templates() {
    return List.copyOf(templates.values());
  }

  /** The languages that have at least one template, and the default language. */
  public Set<String> languages() {
    Set<String> languages = new TreeSet<>();
    languages.add(defaultLanguage);
    templates.values().forEach(t -> languages.add(t.language()));
    return languages;
  }

  private static Set<String> textKeys(List<TemplateSource> sources) {
    Set<String> keys = new TreeSet<>();
    sources.stream()
        .filter(s -> s.kind() == TemplateSource.Kind.TEXT)
        .forEach(s -> keys.add(key(s.name(), s.language())));
    return keys;
  }

  private static String key(String name, String language) {
    return name + "." + normalize(language);
  }

  private static String normalize(String language) {
    return language.strip().toLowerCase(Locale.ROOT);
  }
}
