package io.afterhours.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code afterhours} in a JVM of its own, on the test class path, its output in a file: to be
 * killed for real (SIGKILL), as kill -9 or the OOM killer would.
 */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code afterhours --config CONFIG ARGS…}; its output goes to {@code log}. */
  static ChildProcess start(Path config, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.afterhours.Main");
    command.add("--config");
    command.add(config.toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildProcess(process, log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the daemon finishes the message in hand and exits. */
  void terminate() throws InterruptedException {
    process.destroy();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** Waits for the process to exit by itself; its exit code. */
  int awaitExit(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "afterhours did not exit within " + seconds + " s; its output:\n" + output());
    }
    return process.exitValue();
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
