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
    TemplateUsage usage =
        new TemplateUsage(
            office.reply().template(),
            office.schedule().awayPeriods().stream()
                .map(AwayPeriod::template)
                .collect(Collectors.toSet()),
            office.reply().policy().duringOpenHours(),
            office.values());
    return catalog.validate(usage);
  }
}
