package io.afterhours.responder;

import io.afterhours.config.OfficeSettings;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.reply.TemplateProblem;
import io.afterhours.reply.TemplateUsage;
import io.afterhours.schedule.AwayPeriod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads an office's template folder into a {@link TemplateCatalog} and checks it. */
public final class TemplateFiles {
  private TemplateFiles() {}

  /** Every {@code .txt} and {@code .html} file of the office's template folder. */
  public static TemplateCatalog load(OfficeSettings office) throws IOException {
    Path dir = office.templates();
    if (!Files.isDirectory(dir)) {
      throw new IOException("template folder " + dir + " does not exist");
    }
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path file : listing.sorted().toList()) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && (name.endsWith(".txt") || name.endsWith(".html"))) {
          files.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    return TemplateCatalog.fromFiles(files, office.language());
  }

  /** Renders every template for every situation the office can meet; empty when all is well. */
  public static List<TemplateProblem> check(TemplateCatalog catalog, OfficeSettings office) {
    return catalog.validate(usage(office));
  }

  private static TemplateUsage usage(OfficeSettings office) {
    return new TemplateUsage(
        office.reply().template(),
        office.schedule().awayPeriods().stream()
            .map(AwayPeriod::template)
            .collect(Collectors.toSet()),
        office.reply().policy().duringOpenHours(),
        office.values());
  }

  /**
   * Loads and checks the templates of many offices, each folder once: a thousand mailboxes that
   * share a template folder share one catalog (it is immutable) and one check, instead of reading,
   * compiling and rendering the same files a thousand times at start.
   */
  public static final class Shared {
    private final Map<List<Object>, TemplateCatalog> catalogs = new HashMap<>();
    private final Map<List<Object>, List<TemplateProblem>> checks = new HashMap<>();

    /** As {@link TemplateFiles#load}, read once per folder and language. */
    public TemplateCatalog load(OfficeSettings office) throws IOException {
      List<Object> key = List.of(office.templates(), office.language());
      TemplateCatalog catalog = catalogs.get(key);
      if (catalog == null) {
        catalog = TemplateFiles.load(office);
        catalogs.put(key, catalog);
      }
      return catalog;
    }

    /** As {@link TemplateFiles#check} of the catalog {@link #load} gave for this office. */
    public List<TemplateProblem> check(OfficeSettings office) throws IOException {
      List<Object> key = List.of(office.templates(), office.language(), usage(office));
      List<TemplateProblem> problems = checks.get(key);
      if (problems == null) {
        problems = List.copyOf(TemplateFiles.check(load(office), office));
        checks.put(key, problems);
      }
      return problems;
    }
  }
}
