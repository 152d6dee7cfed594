package io.afterhours.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves file names written in the config: relative to the config file's directory, or else to
 * the working directory when the file exists only there (so both "holidays.ics" and
 * "config/holidays.ics" work from the project root).
 */
final class PathResolver {
  private final Path configDir;
  private final Path workingDir;

  PathResolver(Path configDir, Path workingDir) {
    this.configDir = configDir;
    this.workingDir = workingDir;
  }

  Path resolve(String name) {
    Path path = Path.of(name.trim());
    if (path.isAbsolute()) {
      return path;
    }
    Path besideConfig = configDir.resolve(path).normalize();
    if (Files.exists(besideConfig)) {
      return besideConfig;
    }
    Path fromWorkingDir = workingDir.resolve(path).normalize();
    return Files.exists(fromWorkingDir) ? fromWorkingDir : besideConfig;
  }
}
