package io.afterhours.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version of this build, e.g. {@code afterhours 0.1.0 (git 1a2b3c4)}: the pom's version and the
 * commit it was built from, which the build writes to {@value #RESOURCE} beside this class. Without
 * that file (classes compiled outside Maven) it is "development".
 */
final class VersionProvider implements CommandLine.IVersionProvider {
  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() throws IOException {
    return new String[] {"afterhours " + describe(build())};
  }

  /**
   * What the build wrote: {@code version}, {@code commit}, {@code modified}; none outside Maven.
   */
  static Properties build() throws IOException {
    Properties build = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    }
    return build;
  }

  /**
   * {@code 0.1.0}, {@code 0.1.0 (git 1a2b3c4)}, or {@code 0.1.0 (git 1a2b3c4, modified)} when
   * tracked files differed from that commit.
   */
  static String describe(Properties build) {
    String version = build.getProperty("version", "").strip();
    if (version.isEmpty()) {
      return "development";
    }
    String commit = build.getProperty("commit", "").strip();
    if (commit.isEmpty()) {
      return version;
    }
    boolean modified = Boolean.parseBoolean(build.getProperty("modified", "false").strip());
    return version + " (git " + commit + (modified ? ", modified" : "") + ")";
  }
}
