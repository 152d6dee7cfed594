package io.afterhours.bench.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code afterhours run} watching many mailboxes with IDLE (GreenMail in this JVM, one user per
 * mailbox): how long until every mailbox is watched, then heap after a full GC, RSS, threads, open
 * sockets and CPU at rest, and the time from sending a mail to a random mailbox to its reply. Run
 * with {@code scripts/benchmark mailboxes [--count 1000] [--minutes 5] [--poll 10m] [--server
 * greenmail|dovecot]}: {@code dovecot} uses the machine's Dovecot and Postfix, with users m0…m999
 * (password "secret") set up by {@code scripts/try-dovecot-postfix.sh --many 1000}.
 */
public final class ManyMailboxesBenchmark {
  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(option(args, "count", "1000"));
    int minutes = Integer.parseInt(option(args, "minutes", "5"));
    String poll = option(args, "poll", "10m");
    boolean dovecot = option(args, "server", "greenmail").equals("dovecot");
    Path work = Files.createTempDirectory("afterhours-many");
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      owners.add("m" + i + "@many.test");
    }
    GreenMail greenMail = dovecot ? null : greenMail(owners);
    List<String> report = new ArrayList<>();
    // The launcher's first start after a build (or an install, or a Java update) writes the class
    // data archive that every later start loads (README, "Start-up"): a start of its own, timed
    // and stopped once every mailbox is watched. The measured start that follows has a store of
    // its own too, so it is a first start for the mailboxes, not a restart.
    int imapPort = greenMail == null ? 143 : greenMail.getImap().getPort();
    List<Double> floors = new ArrayList<>();
    floors.add(LoginFloor.watchAll(owners, imapPort));
    Path first = Files.createTempDirectory("afterhours-many-first");
    Started writing = start(config(first, owners, poll, greenMail), first.resolve("run.log"));
    try {
      awaitLine(first.resolve("run.log"), "is watched with IDLE", Duration.ofMinutes(5));
      report.add(
          "first start of this build (it writes the class data archive): every mailbox watched"
              + " %.1f s after the process started".formatted(writing.seconds()));
    } finally {
      writing.process().destroy();
      writing.process().waitFor(60, TimeUnit.SECONDS);
    }
    floors.add(LoginFloor.watchAll(owners, imapPort));
    Path log = work.resolve("run.log");
    Started started = start(config(work, owners, poll, greenMail), log);
    Process run = started.process();
    try {
      String ready = awaitLine(log, "is watched with IDLE", Duration.ofMinutes(5));
      double seconds = started.seconds();
      report.add(
          "%d mailboxes, poll-interval %s: every mailbox watched %.1f s after the process started"
              .formatted(count, poll, seconds));
      report.add("  (" + ready.replaceAll("^.*?- ", "") + ")");
      double floor = Math.min(floors.get(0), floors.get(1));
      report.add(
          ("  the server's login floor (%d connections: LOGIN, EXAMINE, IDLE; %d threads): %.1f s"
                  + " and %.1f s before; afterhours' start over the quicker: %.2f")
              .formatted(count, LoginFloor.THREADS, floors.get(0), floors.get(1), seconds / floor));
      Thread.sleep(Duration.ofSeconds(45).toMillis()); // past the 30 s linger of the first sweep
      long pid = run.pid();
      long cpuBefore = cpuTicks(pid);
      long wallBefore = System.nanoTime();
      Thread.sleep(Duration.ofMinutes(minutes).toMillis());
      double cpuSeconds = (cpuTicks(pid) - cpuBefore) / 100.0;
      double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
      report.add(
          "at rest over %d min: %.2f%% of one core; RSS %d MB; %d threads; %d sockets; heap after"
                  .formatted(
                      minutes,
                      100 * cpuSeconds / wallSeconds,
                      status(pid, "VmRSS") / 1024,
                      status(pid, "Threads"),
                      sockets(pid))
              + " full GC "
              + heapAfterGc(pid));
      report.add(
          greenMail == null
              ? latencyOnDovecot(owners, log, 10)
              : latency(greenMail, owners, log, 10));
    } finally {
      run.destroy();
      run.waitFor(60, TimeUnit.SECONDS);
      if (greenMail != null) {
        greenMail.stop();
      }
    }
    report.forEach(System.out::println);
    System.out.println("log: " + log);
  }

  /** A process and when it was started. */
  private record Started(Process process, long nanos) {
    double seconds() {
      return (System.nanoTime() - nanos) / 1e9;
    }
  }

  private static Started start(Path config, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of("src/packaging/bin/afterhours").toAbsolutePath().toString(),
                "--config",
                config.toString(),
                "run")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .put("AFTERHOURS_JAR", Path.of("target/afterhours.jar").toAbsolutePath().toString());
    builder.environment().putIfAbsent("AFTERHOURS_JAVA_OPTS", "-Xmx256m");
    long nanos = System.nanoTime();
    return new Started(builder.start(), nanos);
  }

  /** GreenMail in this JVM with one user per mailbox. */
  private static GreenMail greenMail(List<String> owners) {
    GreenMail greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
            });
    greenMail.start();
    for (String owner : owners) {
      greenMail.setUser(owner, owner, "secret");
    }
    return greenMail;
  }

  /**
   * The config of a daemon on Dovecot and Postfix (users m0…m999, password "secret",
   * try-dovecot-postfix.sh --many 1000), or on {@code greenMail} when it is not null.
   */
  private static Path config(Path work, List<String> owners, String poll, GreenMail greenMail)
      throws IOException {
    return greenMail == null
        ? config(work, owners, poll, 143, 25, "")
        // GreenMail cannot take MAIL FROM:<>.
        : config(
            work,
            owners,
            poll,
            greenMail.getImap().getPort(),
            greenMail.getSmtp().getPort(),
            ", envelope-sender = owner");
  }

  private static String latency(GreenMail greenMail, List<String> owners, Path log, int samples)
      throws Exception {
    Random random = new Random(42);
    List<Long> millis = new ArrayList<>();
    Session session = Session.getInstance(new Properties());
    for (int i = 0; i < samples; i++) {
      String owner = owners.get(random.nextInt(owners.size()));
      String client = "client" + i + "@sink.test";
      greenMail.setUser(client, client, "x");
      MimeMessage mail = BenchServer.mail(session, client, owner, "Question " + i);
      long sent = System.nanoTime();
      try (Transport smtp = session.getTransport("smtp")) {
        smtp.connect("127.0.0.1", greenMail.getSmtp().getPort(), null, null);
        smtp.sendMessage(mail, mail.getAllRecipients());
      }
      long deadline = sent + Duration.ofSeconds(60).toNanos();
      while (greenMail
              .getManagers()
              .getImapHostManager()
              .getInbox(greenMail.getUserManager().getUserByEmail(client))
              .getMessageCount()
          == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no reply to " + client + " within 60 s; see " + log);
        }
        Thread.sleep(2);
      }
      millis.add((System.nanoTime() - sent) / 1_000_000);
      Thread.sleep(500);
    }
    Collections.sort(millis);
    return "a mail to a random mailbox: reply %d ms after sending (p50), %d ms (max), %d samples"
        .formatted(millis.get(millis.size() / 2), millis.get(millis.size() - 1), samples);
  }

  /**
   * A mail to a random mailbox of the machine's Dovecot, put in by IMAP APPEND (Postfix does not
   * deliver for many.test): the time until afterhours logs the reply as accepted by Postfix.
   */
  private static String latencyOnDovecot(List<String> owners, Path log, int samples)
      throws Exception {
    Random random = new Random(42);
    List<Long> millis = new ArrayList<>();
    Session session = Session.getInstance(new Properties());
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (int i = 0; i < samples; i++) {
      String owner = owners.get(random.nextInt(owners.size()));
      String client = "client" + i + "." + run + "@sink.test";
      MimeMessage mail = BenchServer.mail(session, client, owner, "Question " + i);
      long sent = System.currentTimeMillis();
      try (jakarta.mail.Store imap = session.getStore("imap")) {
        imap.connect("127.0.0.1", 143, owner, "secret");
        jakarta.mail.Folder inbox = imap.getFolder("INBOX");
        inbox.appendMessages(new jakarta.mail.Message[] {mail});
      }
      String line = awaitLine(log, "decision=reply reason=sent", client, Duration.ofSeconds(60));
      long replied =
          java.time.OffsetDateTime.parse(line.substring(0, line.indexOf(' ')))
              .toInstant()
              .toEpochMilli();
      millis.add(replied - sent);
      Thread.sleep(500);
    }
    Collections.sort(millis);
    return ("a mail to a random mailbox (IMAP APPEND): reply accepted by SMTP %d ms after (p50),"
            + " %d ms (max), %d samples")
        .formatted(millis.get(millis.size() / 2), millis.get(millis.size() - 1), samples);
  }

  private static Path config(
      Path work, List<String> owners, String poll, int imapPort, int smtpPort, String smtpExtra)
      throws IOException {
    StringBuilder mailboxes = new StringBuilder();
    for (int i = 0; i < owners.size(); i++) {
      mailboxes.append(
          """
            { name = "m%d", address = "%s", save-to-sent = false
              imap { host = "127.0.0.1", port = %d, security = none, user = "%s", password = "secret" }
              smtp { host = "127.0.0.1", port = %d, security = none, user = ""%s } }
          """
              .formatted(i, owners.get(i), imapPort, owners.get(i), smtpPort, smtpExtra));
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path config = work.resolve("many.conf");
    Files.writeString(
        config,
        """
        afterhours {
          zone = "UTC"
          language = "en"
          templates = "%s"
          away = [ { from = "%s", until = "%s", note = "benchmark" } ]
          reply { max-per-hour = 0 }
          poll-interval = %s
          idle = true
          mailboxes = [
        %s  ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(),
                today.minusDays(1),
                today.plusDays(7),
                poll,
                mailboxes,
                work.resolve("store/afterhours")));
    return config;
  }

  private static String awaitLine(Path log, String text, Duration patience) throws Exception {
    return awaitLine(log, text, "", patience);
  }

  /** The first line of the log with both texts in it. */
  private static String awaitLine(Path log, String text, String also, Duration patience)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          if (line.contains(text) && line.contains(also)) {
            return line;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "'" + text + "' not logged within " + patience + "; see " + log);
  }

  private static long cpuTicks(long pid) throws IOException {
    String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
    return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime
  }

  private static long status(long pid, String field) throws IOException {
    Matcher m =
        Pattern.compile("(?m)^" + field + ":\\s+(\\d+)")
            .matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static long sockets(long pid) throws IOException {
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                  return false;
                }
              })
          .count();
    }
  }

  private static String heapAfterGc(long pid) throws Exception {
    Process gc = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").start();
    gc.waitFor(60, TimeUnit.SECONDS);
    Process info = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info").start();
    String out = new String(info.getInputStream().readAllBytes());
    info.waitFor(60, TimeUnit.SECONDS);
    // Serial GC: "def new generation total 4928K, used 1234K", "tenured generation total …".
    Matcher generation = Pattern.compile("generation\\s+total (\\d+)K, used (\\d+)K").matcher(out);
    long committed = 0;
    long used = 0;
    while (generation.find()) {
      committed += Long.parseLong(generation.group(1));
      used += Long.parseLong(generation.group(2));
    }
    return "%d MB used of %d MB committed".formatted(used / 1024, committed / 1024);
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--" + name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
