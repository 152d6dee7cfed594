package io.afterhours.reply;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a template may use (DESIGN §4), and the check that finds any other. A misspelt name
 * must be caught by {@code check}, not discovered as a gap in a reply sent at 2 a.m.
 */
final class Placeholders {
  /** Every value {@link ReplyValues} can provide. */
  static final Set<String> VALUES =
      Set.of(
          "sender.name",
          "sender.address",
          "original.subject",
          "owner.name",
          "owner.address",
          "nextOpening",
          "respondBy",
          "nextOpeningSenderTime",
          "closedBecause",
          "away.until",
          "away.note",
          "hoursTable");

  /** Names that only make sense as a section: {@code {{#away}}…{{/away}}}. */
  static final Set<String> SECTIONS = Set.of("away");

  /**
   * The owner's own values from the config, {@code {{values.portfolio}}}: any such name compiles;
   * {@link CatalogCheck} then checks it against the values the configuration sets.
   */
  static final String CUSTOM = "values.";

  private static final Pattern CUSTOM_NAME = Pattern.compile("values\\.[A-Za-z0-9_-]+");

  private static final Pattern TAG = Pattern.compile("\\{\\{\\{?\\s*[#^/&]?\\s*([^{}]+?)\\s*}?}}");

  private Placeholders() {}

  /**
   * Problems for every unknown variable or section name in {@code template}, sections nested
   * anywhere included, each at the line where the name first appears.
   */
  static List<TemplateProblem> check(String source, int firstLine, String text, Template template) {
    Set<String> unknown = new LinkedHashSet<>();
    List<TemplateProblem> problems = new ArrayList<>();
    template.visit(
        new Mustache.Visitor() {
          @Override
          public void visitText(String text) {}

          @Override
          public void visitVariable(String name) {
            if (!VALUES.contains(name) && !isCustom(name)) {
              unknown.add(name);
            }
          }

          @Override
          public boolean visitInclude(String name) {
            problems.add(
                new TemplateProblem(
                    source,
                    lineOf(text, name, firstLine),
                    "partials like {{>" + name + "}} are not supported"));
            return false;
          }

          @Override
          public boolean visitSection(String name) {
            if (!VALUES.contains(name) && !SECTIONS.contains(name) && !isCustom(name)) {
              unknown.add(name);
            }
            return true;
          }

          @Override
          public boolean visitInvertedSection(String name) {
            return visitSection(name);
          }
        });
    for (String name : unknown) {
      problems.add(
          new TemplateProblem(
              source, lineOf(text, name, firstLine), "unknown placeholder {{" + name + "}}"));
    }
    return problems;
  }

  /** True for a name shaped like one of the owner's values: {@code values.<name>}. */
  static boolean isCustom(String name) {
    return CUSTOM_NAME.matcher(name).matches();
  }

  /**
   * The owner's values {@code template} names, as variables or sections, without the {@code
   * values.} prefix, each with the file line where it first appears.
   */
  static Map<String, Integer> customValues(String text, int firstLine, Template template) {
    Map<String, Integer> used = new LinkedHashMap<>();
    template.visit(
        new Mustache.Visitor() {
          @Override
          public void visitText(String text) {}

          @Override
          public void visitVariable(String name) {
            note(name);
          }

          @Override
          public boolean visitInclude(String name) {
            return false;
          }

          @Override
          public boolean visitSection(String name) {
            note(name);
            return true;
          }

          @Override
          public boolean visitInvertedSection(String name) {
            return visitSection(name);
          }

          private void note(String name) {
            if (isCustom(name) && !used.containsKey(name.substring(CUSTOM.length()))) {
              used.put(name.substring(CUSTOM.length()), lineOf(text, name, firstLine));
            }
          }
        });
    return used;
  }

  /** The file line of the first tag naming {@code name}; the visitor itself knows no lines. */
  private static int lineOf(String text, String name, int firstLine) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = TAG.matcher(lines[i]);
      while (m.find()) {
        String tag = m.group(1).startsWith(">") ? m.group(1).substring(1).strip() : m.group(1);
        if (tag.equals(name)) {
          return firstLine + i;
        }
      }
    }
    return firstLine;
  }
}
