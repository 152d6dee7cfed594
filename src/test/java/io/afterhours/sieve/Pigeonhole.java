package io.afterhours.sieve;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Dovecot's Sieve tools (package dovecot-sieve): {@code sievec} compiles a script, {@code
 * sieve-test} runs one on a message and prints the actions it would take, sending nothing. Found on
 * the PATH; tests that need them skip without.
 *
 * <p>Run as root, sieve-test drops to the user {@code nobody} (Dovecot refuses mail access as
 * root), so its files live in a folder everyone may read, outside JUnit's private temporary
 * folders; those folders are deleted when the test JVM exits.
 */
public final class Pigeonhole {
  /** What a tool printed and how it ended. */
  public record Run(int exitCode, String output, Duration elapsed) {}

  private final Path dir;

  private Pigeonhole(Path dir) {
    this.dir = dir;
  }

  /** Why the tools cannot be used here, or empty when they can. */
  public static Optional<String> missing() {
    if (program("sievec").isEmpty() || program("sieve-test").isEmpty()) {
      return Optional.of(
          "sievec and sieve-test are not on the PATH (apt-get install dovecot-sieve)");
    }
    return Optional.empty();
  }

  /** A fresh, world-readable working folder, deleted when the JVM exits. */
  public static Pigeonhole inNewFolder() {
    try {
      Path dir = Files.createTempDirectory("afterhours-sieve-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      return new Pigeonhole(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a left-over folder in /tmp is no reason to fail the build
    }
  }

  public Path folder() {
    return dir;
  }

  /** Writes {@code text} to {@code name} in the folder, readable by everyone. */
  public Path write(String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code sievec SCRIPT OUT.svbin}. */
  public Run compile(Path script) {
    return run(
        List.of(
            program("sievec").orElseThrow().toString(),
            script.toString(),
            dir.resolve(script.getFileName() + ".svbin").toString()));
  }

  /**
   * {@code sieve-test} of {@code script} on {@code mail} delivered to {@code recipient}, from the
   * envelope sender {@code from}; {@code include :personal} finds scripts in {@code personal}.
   */
  public Run test(Path script, Path mail, String from, String recipient, Optional<Path> personal) {
    List<String> command = new ArrayList<>();
    command.add(program("sieve-test").orElseThrow().toString());
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-o", "mail_uid=65534", "-o", "mail_gid=65534"));
    }
    personal.ifPresent(p -> command.addAll(List.of("-o", "plugin/sieve=file:" + p)));
    command.addAll(List.of("-C", "-a", recipient, "-r", recipient, "-f", from));
    command.add(script.toString());
    command.add(mail.toString());
    return run(command);
  }

  private static Run run(List<String> command) {
    try {
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in 60 s");
      }
      return new Run(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> program(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A message from {@code from} to me@example.com, with extra header lines. */
  public static String mail(String from, String subject, String... extraHeaders) {
    StringBuilder m = new StringBuilder();
    String address = from.replaceAll(".*<([^>]+)>.*", "$1");
    m.append("Return-Path: <").append(address).append(">\r\n");
    m.append("From: ").append(from).append("\r\n");
    m.append("To: Studio <me@example.com>\r\n");
    m.append("Subject: ").append(subject).append("\r\n");
    m.append("Date: Fri, 27 Nov 2026 21:00:00 +0700\r\n");
    m.append("Message-ID: <").append(Math.abs(subject.hashCode())).append("@example.org>\r\n");
    for (String h : extraHeaders) {
      m.append(h).append("\r\n");
    }
    return m.append("\r\nHello\r\n").toString();
  }
}
