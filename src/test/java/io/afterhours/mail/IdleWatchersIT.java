package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.afterhours.mail.ServerSettings.Security;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many folders of many mailboxes watched through one shared IdleManager, against GreenMail. */
class IdleWatchersIT {
  private static final String PASSWORD = "secret";
  private static final List<String> USERS = List.of("ana", "budi", "citra", "dewi", "eko");
  private static final List<String> FOLDERS = List.of("INBOX", "Clients", "Invoices", "Team");

  /**
   * What the watchers may use however many folders they watch: 8 workers, a timer, the
   * IdleManager's select and a thread or two it ends an IDLE on.
   */
  private static final int MAX_THREADS = 12;

  private GreenMail server;
  private IdleWatchers watchers;
  private final Map<String, AtomicInteger> newMail = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    if (watchers != null) {
      watchers.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void everyFolderOfEveryMailboxHearsOfItsNewMailOnAFewSharedThreads() throws Exception {
    startServer(0);
    watchers = new IdleWatchers();
    List<IdleWatch> watches = watchAll();
    assertThat(watches).hasSizeGreaterThan(MAX_THREADS);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> watches.stream().allMatch(w -> w.watching()));

    for (String user : USERS) {
      for (String folder : FOLDERS) {
        append(user, folder, "for " + user + " in " + folder);
      }
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              for (String user : USERS) {
                for (String folder : FOLDERS) {
                  assertThat(calls(user, folder)).as(user + " " + folder).isEqualTo(1);
                }
              }
            });
    assertThat(watcherThreads()).isBetween(1, MAX_THREADS);
    assertThat(watches).allMatch(IdleWatch::watching);

    watchers.close();
    watchers = null;
    await().atMost(Duration.ofSeconds(10)).until(() -> watcherThreads() == 0);
    assertThat(watches).noneMatch(IdleWatch::watching);
  }

  @Test
  void mailThatArrivesAfterIdleWasReissuedIsStillHeardOf() throws Exception {
    startServer(0);
    watchers = new IdleWatchers(Duration.ofMillis(300), IdleWatchers.HEALTH_CHECK);
    IdleWatch watch = watchers.watch("ana", "INBOX", settings("ana"), counter("ana", "INBOX"));

    await().atMost(Duration.ofSeconds(20)).until(() -> watch.reissued() >= 3);
    append("ana", "INBOX", "after a few re-issues");

    await().atMost(Duration.ofSeconds(10)).until(() -> calls("ana", "INBOX") == 1);
    assertThat(watch.watching()).isTrue();
  }

  @Test
  void mailThatArrivesJustAfterAnAnnouncementIsHeardOfWhenIdleStartsAgain() throws Exception {
    startServer(0);
    watchers = new IdleWatchers();
    IdleWatch watch = watchers.watch("ana", "INBOX", settings("ana"), counter("ana", "INBOX"));
    await().atMost(Duration.ofSeconds(20)).until(watch::watching);

    append("ana", "INBOX", "first");
    await().atMost(Duration.ofSeconds(10)).until(() -> calls("ana", "INBOX") == 1);
    append("ana", "INBOX", "second, before IDLE starts again");

    await().atMost(Duration.ofSeconds(10)).until(() -> calls("ana", "INBOX") == 2);
    append("ana", "INBOX", "third, later");
    await().atMost(Duration.ofSeconds(10)).until(() -> calls("ana", "INBOX") == 3);
    assertThat(watch.watching()).isTrue();
  }

  @Test
  void aStoppedIdleManagerIsReplacedAndEveryWatchHearsOfNewMailAgain() throws Exception {
    startServer(0);
    watchers = new IdleWatchers(IdleWatchers.REISSUE, Duration.ofMillis(200));
    IdleWatch watch = watchers.watch("ana", "INBOX", settings("ana"), counter("ana", "INBOX"));
    await().atMost(Duration.ofSeconds(20)).until(watch::watching);
    var first = watchers.manager();

    first.stop(); // as when its selector fails: the select loop ends for good

    await().atMost(Duration.ofSeconds(20)).until(() -> watchers.manager() != first);
    await().atMost(Duration.ofSeconds(20)).until(watch::watching);
    append("ana", "INBOX", "after the new manager");
    await().atMost(Duration.ofSeconds(10)).until(() -> calls("ana", "INBOX") == 1);
    assertThat(watchers.manager().isRunning()).isTrue();
  }

  @Test
  void aWatchComesBackAfterTheServerRestartsAndHearsOfNewMailAgain() throws Exception {
    int port = startServer(0);
    watchers = new IdleWatchers();
    IdleWatch watch = watchers.watch("budi", "INBOX", settings("budi"), counter("budi", "INBOX"));
    await().atMost(Duration.ofSeconds(20)).until(watch::watching);

    server.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> !watch.watching());
    // Losing the connection asks for a pass at once: it tells whether the server is down.
    await().atMost(Duration.ofSeconds(10)).until(() -> calls("budi", "INBOX") == 1);
    startServer(port);

    // The first reconnection is tried 5 s after the loss; watching again asks for a pass, which
    // answers what arrived while nobody watched.
    await().atMost(Duration.ofSeconds(30)).until(watch::watching);
    await().atMost(Duration.ofSeconds(10)).until(() -> calls("budi", "INBOX") == 2);
    append("budi", "INBOX", "after the restart");
    await().atMost(Duration.ofSeconds(10)).until(() -> calls("budi", "INBOX") == 3);
  }

  @Test
  void whileTheServerIsDownEveryWatchRetriesWithoutAThreadOfItsOwn() throws Exception {
    int port = startServer(0);
    server.stop();
    server = null;
    watchers = new IdleWatchers();
    List<IdleWatch> watches = watchAll(port);

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> watches.stream().noneMatch(IdleWatch::watching));
    assertThat(watcherThreads()).isLessThanOrEqualTo(MAX_THREADS);
  }

  private List<IdleWatch> watchAll() {
    return watchAll(server.getImap().getPort());
  }

  private List<IdleWatch> watchAll(int port) {
    List<IdleWatch> watches = new ArrayList<>();
    for (String user : USERS) {
      for (String folder : FOLDERS) {
        watches.add(watchers.watch(user, folder, settings(user, port), counter(user, folder)));
      }
    }
    return watches;
  }

  /** Starts GreenMail on {@code port} (0: any free one) with every user and folder. */
  private int startServer(int port) throws MessagingException {
    ServerSetup imap = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
    server = new GreenMail(port == 0 ? imap.dynamicPort() : imap);
    server.start();
    for (String user : USERS) {
      server.setUser(user + "@example.com", user, PASSWORD);
      try (Store store = client(user)) {
        for (String folder : FOLDERS) {
          Folder f = store.getFolder(folder);
          if (!f.exists()) {
            f.create(Folder.HOLDS_MESSAGES);
          }
        }
      }
    }
    return server.getImap().getPort();
  }

  private ServerSettings settings(String user) {
    return settings(user, server.getImap().getPort());
  }

  private static ServerSettings settings(String user, int port) {
    return new ServerSettings(
        "127.0.0.1", port, Security.NONE, user, Secret.of(PASSWORD), Optional.empty(), false);
  }

  private Store client(String user) throws MessagingException {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", server.getImap().getPort(), user, PASSWORD);
    return store;
  }

  private void append(String user, String folder, String subject) throws MessagingException {
    String raw = "From: someone@example.org\r\nSubject: " + subject + "\r\n\r\nHello\r\n";
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    try (Store store = client(user)) {
      store.getFolder(folder).appendMessages(new Message[] {message});
    }
  }

  private Runnable counter(String user, String folder) {
    AtomicInteger count = newMail.computeIfAbsent(user + "/" + folder, k -> new AtomicInteger());
    return count::incrementAndGet;
  }

  private int calls(String user, String folder) {
    return newMail.getOrDefault(user + "/" + folder, new AtomicInteger()).get();
  }

  private static int watcherThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .filter(t -> t.getName().startsWith(IdleWatchers.THREAD_PREFIX))
            .count();
  }
}
