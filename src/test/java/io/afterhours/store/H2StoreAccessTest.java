package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store belongs to the service: H2's server for a second process listens on loopback
 * only, however the JVM was started, and only a process that can read the install's secret opens
 * the store.
 */
class H2StoreAccessTest {
  private static final Instant NOW = Instant.parse("2026-11-30T21:15:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path directory;

  private String url(String name) {
    return "jdbc:h2:file:" + directory.resolve(name);
  }

  @Test
  void theStoreServerListensOnLoopbackOnlyThoughTheJvmWasStartedWithoutH2Options()
      throws Exception {
    assumeThat(Path.of("/proc/net/tcp")).as("Linux socket tables").exists();

    try (Holder holder = Holder.start(directory, url("held"))) {
      int port = holder.serverPort(directory.resolve("held.lock.db"));

      assertThat(listeningAddresses(port))
          .as("addresses listening on the store's port %d", port)
          .isNotEmpty()
          .allMatch(InetAddress::isLoopbackAddress);
    }
  }

  @Test
  void aProcessWithoutTheSecretIsRefusedWhileTheDaemonHoldsTheStore() throws Exception {
    String url = url("held");
    try (Holder holder = Holder.start(directory, url)) {
      holder.serverPort(directory.resolve("held.lock.db"));

      assertThatThrownBy(() -> connect(url + ";AUTO_SERVER=TRUE", ""))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
      try (Connection withSecret = connect(url + ";AUTO_SERVER=TRUE", secretOf("held"))) {
        assertThat(withSecret.isValid(5)).isTrue();
      }
    }
  }

  @Test
  void aConnectionWithoutTheSecretIsRefused() {
    try (Store store = Store.open(StoreSettings.of(url("own")), CLOCK)) {
      store.decisions().record(decision("work"));

      assertThatThrownBy(() -> connect(url("own"), ""))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
      assertThatThrownBy(() -> connect(url("own"), "guess"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }
  }

  @Test
  void theSecretIsMadeOnceOnTheFirstOpenAndOnlyItsOwnerCanReadIt() throws Exception {
    Path secret = directory.resolve("own.secret");
    try (Store first = Store.open(StoreSettings.of(url("own")), CLOCK)) {
      first.decisions().record(decision("work"));
    }
    String made = Files.readString(secret);
    Object file = Files.readAttributes(secret, BasicFileAttributes.class).fileKey();

    try (Store again = Store.open(StoreSettings.of(url("own")), CLOCK)) {
      assertThat(again.decisions().history(Optional.empty(), Optional.empty(), 10)).hasSize(1);
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(secret)).isEqualTo(made);
    assertThat(made.strip()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(Files.readAttributes(secret, BasicFileAttributes.class).fileKey()).isEqualTo(file);
    try (var left = Files.list(directory)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".new"));
    }
  }

  @Test
  void aStoreMadeBeforeTheSecretStillOpensKeepsItsHistoryAndIsProtectedFromThenOn() {
    String url = url("old");
    // What afterhours 0.1.0 made: H2's default user and no password at all.
    try (Store old = Store.open(new StoreSettings(url, Optional.empty(), Optional.of("")), CLOCK)) {
      old.decisions().record(decision("before-the-upgrade"));
    }
    assertThat(directory.resolve("old.secret")).doesNotExist();

    try (Store upgraded = Store.open(StoreSettings.of(url), CLOCK)) {
      upgraded.decisions().record(decision("after-the-upgrade"));
      assertThat(upgraded.decisions().history(Optional.empty(), Optional.empty(), 10))
          .extracting(DecisionRecord::mailbox)
          .containsExactlyInAnyOrder("before-the-upgrade", "after-the-upgrade");
    }

    assertThat(directory.resolve("old.secret")).exists();
    assertThatThrownBy(() -> connect(url, ""))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    try (Store again = Store.open(StoreSettings.of(url), CLOCK)) {
      assertThat(again.decisions().history(Optional.empty(), Optional.empty(), 10)).hasSize(2);
    }
  }

  @Test
  void aStoreThatRefusesItsSecretIsNamedWithTheSecretFile() throws Exception {
    try (Store first = Store.open(StoreSettings.of(url("own")), CLOCK)) {
      first.decisions().record(decision("work"));
    }
    Files.writeString(directory.resolve("own.secret"), "not-the-one\n");

    assertThatThrownBy(() -> Store.open(StoreSettings.of(url("own")), CLOCK))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refuses the password in " + directory.resolve("own.secret"))
        .hasMessageNotContaining("not-the-one");
  }

  @Test
  void aPasswordTheConfigGivesIsUsedAsItIsAndNoSecretIsMade() throws Exception {
    StoreSettings configured = StoreSettings.of(url("configured"), "keeper", "s3cret");
    try (Store store = Store.open(configured, CLOCK)) {
      store.decisions().record(decision("work"));
    }

    assertThat(directory.resolve("configured.secret")).doesNotExist();
    Properties login = new Properties();
    login.setProperty("user", "keeper");
    login.setProperty("password", "s3cret");
    try (Connection connection = DriverManager.getConnection(url("configured"), login)) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  void aNewStoreDirectoryIsItsOwnersOnly() throws Exception {
    try (Store store = Store.open(StoreSettings.of(url("state/data/afterhours")), CLOCK)) {
      store.decisions().record(decision("work"));
    }

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve("state/data"))))
        .isEqualTo("rwx------");
  }

  @Test
  void theLoopbackAddressIsSetUnlessTheUserChoseOne() {
    Properties unset = new Properties();
    H2Access.keepServerOnLoopback(unset);
    assertThat(unset.getProperty("h2.bindAddress")).isEqualTo("127.0.0.1");

    Properties chosen = new Properties();
    chosen.setProperty("h2.bindAddress", "192.0.2.7");
    H2Access.keepServerOnLoopback(chosen);
    assertThat(chosen.getProperty("h2.bindAddress")).isEqualTo("192.0.2.7");
  }

  private String secretOf(String name) throws IOException {
    return Files.readString(directory.resolve(name + ".secret")).strip();
  }

  private static Connection connect(String url, String password) throws SQLException {
    Properties login = new Properties();
    login.setProperty("password", password);
    return DriverManager.getConnection(url, login);
  }

  private static DecisionRecord decision(String mailbox) {
    return StoreContract.decision(mailbox, NOW, Outcome.SKIP);
  }

  /**
   * The addresses listening on a TCP port, from the kernel's socket tables. Each address there is
   * in hexadecimal, 32 bits at a time in the machine's (little-endian) byte order.
   */
  private static List<InetAddress> listeningAddresses(int port) throws IOException {
    List<InetAddress> found = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        boolean listening = fields[3].equals("0A");
        if (listening && Integer.parseInt(local[1], 16) == port) {
          found.add(InetAddress.getByAddress(fromProc(local[0])));
        }
      }
    }
    return found;
  }

  private static byte[] fromProc(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      int word = i / 4;
      int inWord = 3 - i % 4;
      int at = word * 8 + inWord * 2;
      bytes[i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
    }
    return bytes;
  }

  /** {@code afterhours run}'s hold on the store: a JVM started without any H2 option. */
  private static final class Holder implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Holder(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static Holder start(Path directory, String url) throws IOException {
      Path log = directory.resolve("holder.log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  HoldingProcess.class.getName(),
                  url)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Holder holder = new Holder(process, log);
      await()
          .atMost(Duration.ofSeconds(60))
          .failFast("the holder exited", () -> !process.isAlive())
          .until(() -> holder.output().contains(HoldingProcess.HOLDING));
      return holder;
    }

    /** The port of the H2 server the holder runs for other processes, from the lock file. */
    int serverPort(Path lockFile) throws IOException {
      Properties lock = new Properties();
      try (Reader in = Files.newBufferedReader(lockFile, StandardCharsets.ISO_8859_1)) {
        lock.load(in);
      }
      String server = lock.getProperty("server");
      assertThat(server).as("the lock file names the holder's server").isNotNull();
      return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    String output() throws IOException {
      return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Opens the store and holds it until its standard input closes. */
  static final class HoldingProcess {
    static final String HOLDING = "holding the store";

    public static void main(String[] args) throws IOException {
      try (Store store = Store.open(StoreSettings.of(args[0]))) {
        store.decisions().history(Optional.empty(), Optional.empty(), 1);
        System.out.println(HOLDING);
        System.out.flush();
        while (System.in.read() >= 0) {
          // until the parent closes our input
        }
      }
    }
  }
}
