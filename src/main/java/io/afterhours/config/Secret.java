package io.afterhours.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a password or token comes from. It is read only when a connection needs it, never logged,
 * and {@link #toString()} names only its source.
 */
public sealed interface Secret {

  /** The secret's value; reads the file or runs the command each time (tokens expire). */
  String reveal() throws IOException;

  /** True for an OAuth2 access token (XOAUTH2) rather than a password. */
  default boolean isOAuth2Token() {
    return false;
  }

  /** No secret configured. */
  record None() implements Secret {
    @Override
    public String reveal() {
      return "";
    }
  }

  /** {@code password = ${?ENV}}: the value itself. */
  record Literal(String value) implements Secret {
    @Override
    public String reveal() {
      return value;
    }

    @Override
    public String toString() {
      return "Literal[***]";
    }
  }

  /** {@code password-file}: the file's first line. */
  record FromFile(Path file) implements Secret {
    @Override
    public String reveal() throws IOException {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0).strip();
    }
  }

  /** {@code password-command} or {@code oauth2.token-command}: the command's standard output. */
  record FromCommand(String command, boolean isOAuth2Token) implements Secret {
    private static final long TIMEOUT_SECONDS = 30;

    @Override
    public String reveal() throws IOException {
      Process process =
          new ProcessBuilder("/bin/sh", "-c", command)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IOException("secret command timed out after " + TIMEOUT_SECONDS + "s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running the secret command", e);
      }
      if (process.exitValue() != 0) {
        throw new IOException("secret command exited with status " + process.exitValue());
      }
      return out.strip();
    }
  }
}
