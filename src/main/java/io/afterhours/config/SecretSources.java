package io.afterhours.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a password or token when a connection needs it: {@code password-file} (its first line) or
 * {@code password-command} / {@code oauth2.token-command} (its standard output). Each read happens
 * anew, since tokens expire. Failures name the file or say which command failed, never a value.
 */
final class SecretSources {
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  private SecretSources() {}

  static String firstLineOf(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password file " + file, e);
    }
  }

  static String outputOf(String command) {
    try {
      Process process =
          new ProcessBuilder("/bin/sh", "-c", command)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out after " + COMMAND_TIMEOUT_SECONDS + "s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("exited with status " + process.exitValue());
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException("the secret command failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the secret command", e);
    }
  }
}
