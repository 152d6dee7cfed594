package io.afterhours.bench.e2e;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * afterhours against a mail server on loopback, beside the {@link FloorClient} run alternately in
 * the same session (STYLE: compare ratios, not seconds, on a shared machine):
 *
 * <ol>
 *   <li><b>backlog</b>: N after-hours messages in the INBOX, one {@code afterhours once} (JVM start
 *       included) against one floor client run;
 *   <li><b>burst</b>: N mails sent at once over SMTP while {@code afterhours run} watches with
 *       IDLE, against the floor client's IDLE loop and, where the server has it ({@link
 *       BenchServer#sieveVacation()}), against Pigeonhole's vacation answering at delivery the
 *       script {@code afterhours sieve --push} made from the same rules: from the first mail sent
 *       to the last reply in;
 *   <li><b>latency</b>: single mails under IDLE: when the reply was accepted by SMTP (afterhours'
 *       log line) after the server announced the mail (EXISTS on a bare IDLE connection).
 * </ol>
 *
 * Every reply is counted per sender: the run fails unless each got exactly one. Run with {@code
 * scripts/benchmark e2e [--backlog N] [--burst N] [--singles N] [--rounds N] [--server
 * greenmail|dovecot|all] [--save-to-sent false] [--floor-jvm OPTIONS]}.
 */
public final class EndToEndBenchmark {
  private static final Pattern SENT =
      Pattern.compile("^(\\S+) .*decision=reply reason=sent \\S+ to (\\S+)$");

  /** What {@code /usr/bin/time} says of each process: peak RSS (KiB) and CPU (user+system s). */
  private static final String TIME_FORMAT = "rss=%M cpu=%U+%S";

  private final Path work;
  private final Path launcher;
  private final Path jar;
  private final String classpath;
  private final List<String> report = new ArrayList<>();
  private int runs;

  /**
   * {@code --floor-jvm "-XX:TieredStopAtLevel=1"}: JVM options for the floor client (default none),
   * to give it the launcher's own.
   */
  private List<String> floorJvmOptions = List.of();

  /** {@code --save-to-sent false} measures what the copies to Sent cost (default true). */
  private boolean saveToSent = true;

  /** Set apart this invocation's senders from an earlier one's, whose replies a sink may keep. */
  private final String session = Long.toString(System.currentTimeMillis(), 36);

  private EndToEndBenchmark(Path work) {
    this.work = work;
    this.launcher = Path.of("src/packaging/bin/afterhours").toAbsolutePath();
    this.jar = Path.of("target/afterhours.jar").toAbsolutePath();
    this.classpath = System.getProperty("java.class.path");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int backlog = Integer.parseInt(options.getOrDefault("backlog", "1000"));
    int burst = Integer.parseInt(options.getOrDefault("burst", "200"));
    int singles = Integer.parseInt(options.getOrDefault("singles", "20"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    String server = options.getOrDefault("server", "all");
    Path work = Files.createTempDirectory("afterhours-e2e");
    EndToEndBenchmark bench = new EndToEndBenchmark(work);
    bench.saveToSent = Boolean.parseBoolean(options.getOrDefault("save-to-sent", "true"));
    String floorJvm = options.getOrDefault("floor-jvm", "").trim();
    bench.floorJvmOptions = floorJvm.isEmpty() ? List.of() : List.of(floorJvm.split("\\s+"));
    boolean ok = true;
    if (!server.equals("dovecot")) {
      try (BenchServer greenMail = new BenchServer.InProcess()) {
        ok &= bench.all(greenMail, backlog, burst, singles, rounds);
      }
    }
    if (!server.equals("greenmail")) {
      if (BenchServer.Dovecot.available()) {
        try (BenchServer dovecot = new BenchServer.Dovecot()) {
          ok &= bench.all(dovecot, backlog, burst, singles, rounds);
        }
      } else {
        bench.report.add(
            "Dovecot + Postfix: not found on 127.0.0.1:143/25 with a sink (run"
                + " scripts/try-dovecot-postfix.sh as root); skipped");
      }
    }
    System.out.println();
    bench.report.forEach(System.out::println);
    System.out.println(ok ? "every reply arrived exactly once" : "FAILED: see above");
    System.exit(ok ? 0 : 1);
  }

  private boolean all(BenchServer server, int backlog, int burst, int singles, int rounds)
      throws Exception {
    report.add("== " + server.name() + " ==");
    Path config = config(server, server.owner());
    afterhours(config, "once").waitFor(); // the baseline
    Optional<BenchServer.Account> vacation = server.sieveVacation();
    boolean ok = vacation.isEmpty() || pushSieve(server, vacation.get());
    List<Responder> burstTurns =
        vacation.isPresent() && ok
            ? List.of(Responder.AFTERHOURS, Responder.FLOOR, Responder.PIGEONHOLE)
            : List.of(Responder.AFTERHOURS, Responder.FLOOR);
    if (vacation.isEmpty()) {
      report.add(
          "burst: Pigeonhole's vacation not timed: "
              + server.name()
              + " has no user vacation delivered by Dovecot LMTP with Sieve (run"
              + " scripts/try-dovecot-postfix.sh as root); skipped");
    }
    List<Double> backlogRatios = new ArrayList<>();
    Map<Responder, List<Double>> burstRatios = new EnumMap<>(Responder.class);
    for (int round = 1; round <= rounds; round++) {
      boolean floorFirst = round % 2 == 0;
      double[] times = new double[2];
      for (int turn = 0; turn < (backlog > 0 ? 2 : 0); turn++) {
        boolean floor = (turn == 0) == floorFirst;
        Result r =
            floor ? backlogFloor(server, backlog) : backlogAfterhours(server, config, backlog);
        ok &= r.exactlyOnce();
        times[floor ? 1 : 0] = r.seconds();
        report.add(
            "backlog %d, round %d, %-10s %7.2f s  %s  %s"
                .formatted(
                    backlog,
                    round,
                    floor ? "floor" : "afterhours",
                    r.seconds(),
                    r.resources(),
                    r.check()));
      }
      if (backlog > 0) {
        backlogRatios.add(times[0] / times[1]);
      }
      Map<Responder, Double> burstTimes = new EnumMap<>(Responder.class);
      for (int turn = 0; turn < (burst > 0 ? burstTurns.size() : 0); turn++) {
        // each round starts with the next responder, so that none always goes first
        Responder who = burstTurns.get((turn + round - 1) % burstTurns.size());
        Result r =
            switch (who) {
              case AFTERHOURS -> burstAfterhours(server, config, burst);
              case FLOOR -> burstFloor(server, burst);
              case PIGEONHOLE -> burst(server, vacation.orElseThrow(), burst, "p");
            };
        ok &= r.exactlyOnce();
        burstTimes.put(who, r.seconds());
        report.add(
            "burst %d, round %d, %-10s %7.2f s  %s  %s"
                .formatted(burst, round, who.label, r.seconds(), r.resources(), r.check()));
      }
      for (Responder other :
          burst > 0 ? burstTurns.subList(1, burstTurns.size()) : List.<Responder>of()) {
        burstRatios
            .computeIfAbsent(other, o -> new ArrayList<>())
            .add(burstTimes.get(Responder.AFTERHOURS) / burstTimes.get(other));
      }
    }
    if (backlog > 0) {
      report.add("backlog ratio afterhours/floor: " + ratios(backlogRatios));
    }
    burstRatios.forEach(
        (other, r) ->
            report.add("burst ratio afterhours/%s: %s".formatted(other.label, ratios(r))));
    // a part asked for with 0 (--backlog 0, --burst 0, --singles 0) is not run
    if (singles > 0) {
      ok &= latency(server, config, singles);
    }
    return ok;
  }

  /** Who answers the burst. */
  private enum Responder {
    AFTERHOURS("afterhours"),
    FLOOR("floor"),
    /** The server's own Sieve vacation, at delivery: the yardstick issue 8 names. */
    PIGEONHOLE("pigeonhole");

    final String label;

    Responder(String label) {
      this.label = label;
    }
  }

  /**
   * Makes the server answer {@code vacation}'s mail by the benchmark's own rules: {@code afterhours
   * sieve --push} with a config like the owner's, so both reply to the same mail with the same
   * text. Vacation remembers whom it answered, which this invocation's fresh senders leave
   * untouched.
   */
  private boolean pushSieve(BenchServer server, BenchServer.Account vacation) throws Exception {
    Process push = afterhours(config(server, vacation), "sieve", "--push");
    boolean ok = push.waitFor() == 0;
    List<String> said =
        Files.readAllLines(logOf(push)).stream().filter(l -> !l.startsWith("rss=")).toList();
    report.add(
        (ok ? "burst: Pigeonhole answers " : "FAILED: could not set up Pigeonhole for ")
            + vacation.address()
            + " with afterhours sieve --push: "
            + String.join(" / ", said));
    return ok;
  }

  private static String ratios(List<Double> ratios) {
    List<Double> sorted = new ArrayList<>(ratios);
    Collections.sort(sorted);
    return sorted.stream().map(r -> "%.2f".formatted(r)).toList()
        + " (median %.2f)".formatted(sorted.get(sorted.size() / 2));
  }

  /**
   * One timed run: its wall time; the peak RSS and CPU of the responder's process (all of its life,
   * start-up included), where it has one; the whole machine's busy CPU while it was timed (the
   * server's work included: on a shared machine every responder pays for it); and the replies
   * counted per sender.
   */
  private record Result(
      double seconds, String rss, String cpu, double machineCpu, Map<String, Integer> replies) {
    String resources() {
      return (rss.isEmpty() ? "" : "peak RSS %s  own CPU %s  ".formatted(rss, cpu))
          + "machine CPU %.1f s".formatted(machineCpu);
    }

    /** The same run, with what {@code /usr/bin/time} said of the responder's process. */
    Result of(String processRss, String processCpu) {
      return new Result(seconds, processRss, processCpu, machineCpu, replies);
    }

    boolean exactlyOnce() {
      return replies.values().stream().allMatch(n -> n == 1);
    }

    String check() {
      long none = replies.values().stream().filter(n -> n == 0).count();
      long twice = replies.values().stream().filter(n -> n > 1).count();
      return none == 0 && twice == 0
          ? "all " + replies.size() + " answered once"
          : "NOT EXACTLY ONCE: " + none + " unanswered, " + twice + " answered more than once";
    }
  }

  private Result backlogAfterhours(BenchServer server, Path config, int n) throws Exception {
    List<String> senders = deliver(server, server.owner(), n, "a");
    long start = System.nanoTime();
    long busy = MachineCpu.busyTicks();
    Process once = afterhours(config, "once");
    once.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    double machine = MachineCpu.secondsSince(busy);
    return new Result(seconds, rssOf(once), cpuOf(once), machine, awaitReplies(server, senders));
  }

  private Result backlogFloor(BenchServer server, int n) throws Exception {
    long after = server.uidNext(server.floorOwner()) - 1;
    List<String> senders = deliver(server, server.floorOwner(), n, "f");
    long start = System.nanoTime();
    long busy = MachineCpu.busyTicks();
    Process floor = floor(server, "once", after, 0);
    floor.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    double machine = MachineCpu.secondsSince(busy);
    return new Result(seconds, rssOf(floor), cpuOf(floor), machine, awaitReplies(server, senders));
  }

  private Result burstAfterhours(BenchServer server, Path config, int n) throws Exception {
    Process run = afterhours(config, "run");
    Result result;
    try {
      awaitLog(logOf(run), "afterhours running");
      Thread.sleep(2000); // the first sweep and the IDLE connections
      result = burst(server, server.owner(), n, "b");
    } finally {
      stop(run);
    }
    return result.of(rssOf(run), cpuOf(run));
  }

  /**
   * SIGTERM to the program under /usr/bin/time (time does not pass it on), then waits for time to
   * say what the program used.
   */
  private static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private Result burstFloor(BenchServer server, int n) throws Exception {
    Process floor = floor(server, "idle", server.uidNext(server.floorOwner()) - 1, n);
    Result result;
    try {
      awaitLog(logOf(floor), "floor: ready");
      result = burst(server, server.floorOwner(), n, "g");
    } finally {
      stop(floor);
    }
    return result.of(rssOf(floor), cpuOf(floor));
  }

  private Result burst(BenchServer server, BenchServer.Account to, int n, String tag)
      throws Exception {
    List<String> senders = senders(server, n, tag);
    long start = System.nanoTime();
    long busy = MachineCpu.busyTicks();
    send(server, to, senders);
    long lastIn = awaitEveryReply(server, senders);
    double machine = MachineCpu.secondsSince(busy);
    // the second that proves nothing more comes is not the responder's time
    return new Result((lastIn - start) / 1e9, "", "", machine, settledReplies(server, senders));
  }

  /** Single mails under IDLE: reply accepted by SMTP after the server's own EXISTS. */
  private boolean latency(BenchServer server, Path config, int singles) throws Exception {
    Process run = afterhours(config, "run");
    Path log = logOf(run);
    List<Long> overExists = new ArrayList<>();
    List<Long> exists = new ArrayList<>();
    boolean ok = true;
    try (Watcher watcher = new Watcher(server)) {
      awaitLog(log, "afterhours running");
      Thread.sleep(2000);
      for (int i = 0; i < singles; i++) {
        List<String> one = senders(server, 1, "l" + i);
        long sent = System.currentTimeMillis();
        send(server, server.owner(), one);
        long existsAt = watcher.awaitNewMail();
        Instant reply = awaitReplyLogged(log, one.get(0));
        overExists.add(reply.toEpochMilli() - existsAt);
        exists.add(existsAt - sent);
        ok &= awaitReplies(server, one).get(one.get(0)) == 1;
        Thread.sleep(300);
      }
    } finally {
      stop(run);
    }
    Collections.sort(overExists);
    Collections.sort(exists);
    report.add(
        "latency under IDLE, %d single mails: server's EXISTS %d ms after sending (p50); reply"
                .formatted(singles, exists.get(exists.size() / 2))
            + " accepted %d ms after EXISTS (p50), %d ms (p90), %d ms (max)"
                .formatted(
                    overExists.get(overExists.size() / 2),
                    overExists.get(overExists.size() * 9 / 10),
                    overExists.get(overExists.size() - 1)));
    return ok;
  }

  /** A bare IDLE connection to the owner's INBOX: when the server announces new mail. */
  private static final class Watcher implements AutoCloseable {
    private final Store store;
    private final IMAPFolder inbox;
    private final java.util.concurrent.BlockingQueue<Long> announced =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    Watcher(BenchServer server) throws Exception {
      store = Session.getInstance(new Properties()).getStore("imap");
      store.connect(
          "127.0.0.1", server.imapPort(), server.owner().login(), server.owner().password());
      inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      inbox.addMessageCountListener(
          new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
              announced.add(System.currentTimeMillis());
            }
          });
      thread =
          new Thread(
              () -> {
                while (!closed) {
                  try {
                    inbox.idle(true);
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    long awaitNewMail() throws InterruptedException {
      Long at = announced.poll(30, TimeUnit.SECONDS);
      if (at == null) {
        throw new IllegalStateException("the server announced no new mail within 30 s");
      }
      return at;
    }

    @Override
    public void close() throws Exception {
      closed = true;
      store.close();
    }
  }

  private Instant awaitReplyLogged(Path log, String to) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log)) {
        Matcher m = SENT.matcher(line);
        if (m.matches() && m.group(2).equals(to)) {
          return OffsetDateTime.parse(m.group(1)).toInstant();
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no reply to " + to + " logged within 60 s; see " + log);
  }

  private static void awaitLog(Path log, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("'" + text + "' not logged within 60 s; see " + log);
  }

  private List<String> senders(BenchServer server, int n, String tag) {
    String round = tag + (++runs) + "." + session;
    List<String> senders =
        IntStream.range(0, n).mapToObj(i -> round + "-" + i + "@sink.test").toList();
    server.prepare(senders);
    return senders;
  }

  /** Puts {@code n} after-hours mails from new senders into the owner's INBOX, over SMTP. */
  private List<String> deliver(BenchServer server, BenchServer.Account to, int n, String tag)
      throws Exception {
    List<String> senders = senders(server, n, tag);
    long before = server.uidNext(to);
    send(server, to, senders);
    // wait until the server has filed them all
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (server.uidNext(to) < before + n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return senders;
  }

  /** Sends one mail from each sender over four SMTP connections at once. */
  private static void send(BenchServer server, BenchServer.Account to, List<String> senders)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> parts = new ArrayList<>();
      int slice = (senders.size() + 3) / 4;
      for (int p = 0; p < senders.size(); p += slice) {
        List<String> part = senders.subList(p, Math.min(senders.size(), p + slice));
        parts.add(
            pool.submit(
                () -> {
                  Session session = Session.getInstance(new Properties());
                  try (Transport smtp = session.getTransport("smtp")) {
                    smtp.connect("127.0.0.1", server.smtpPort(), null, null);
                    for (String sender : part) {
                      MimeMessage mail =
                          BenchServer.mail(session, sender, to.address(), "Question " + sender);
                      smtp.sendMessage(mail, mail.getAllRecipients());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Map<String, Integer> awaitReplies(BenchServer server, List<String> senders)
      throws Exception {
    awaitEveryReply(server, senders);
    return settledReplies(server, senders);
  }

  /** When every sender had a reply ({@link System#nanoTime()}), or gave up after 3 minutes. */
  private static long awaitEveryReply(BenchServer server, List<String> senders) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (server.replies(senders).containsValue(0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return System.nanoTime();
  }

  /** The replies once nothing more has come for a second. */
  private static Map<String, Integer> settledReplies(BenchServer server, List<String> senders)
      throws Exception {
    Thread.sleep(1000);
    return server.replies(senders);
  }

  private Path config(BenchServer server, BenchServer.Account mailbox) throws IOException {
    String name = server.name().replaceAll("\\W", "") + "-" + mailbox.login().replaceAll("\\W", "");
    Path store = work.resolve("store-" + name);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path config = work.resolve(name + ".conf");
    Files.writeString(
        config,
        """
        afterhours {
          zone = "UTC"
          language = "en"
          templates = "%s"
          away = [ { from = "%s", until = "%s", note = "benchmark" } ]
          reply { max-per-hour = 0 }
          poll-interval = 60s
          idle = true
          mailboxes = [ {
            name = "bench", address = "%s", save-to-sent = %s
            imap { host = "127.0.0.1", port = %d, security = none, user = "%s", password = "%s" }
            smtp { host = "127.0.0.1", port = %d, security = none, user = ""%s }
          } ]
          store.url = "jdbc:h2:file:%s"
        }
        """
            .formatted(
                Path.of("config/templates").toAbsolutePath(),
                today.minusDays(1),
                today.plusDays(7),
                mailbox.address(),
                saveToSent,
                server.imapPort(),
                mailbox.login(),
                mailbox.password(),
                server.smtpPort(),
                server.envelope().equals("<>") ? "" : ", envelope-sender = owner",
                store.resolve("afterhours")));
    return config;
  }

  private Process afterhours(Path config, String... command) throws IOException {
    Path log = work.resolve("afterhours-" + (++runs) + "-" + command[0] + ".log");
    List<String> line =
        new ArrayList<>(
            List.of("/usr/bin/time", "-f", TIME_FORMAT, launcher.toString(), "--config"));
    line.add(config.toString());
    line.addAll(List.of(command));
    ProcessBuilder builder =
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("AFTERHOURS_JAR", jar.toString());
    Process process = builder.start();
    logs.put(process, log);
    return process;
  }

  private Process floor(BenchServer server, String mode, long afterUid, int expected)
      throws IOException {
    Path log = work.resolve("floor-" + (++runs) + ".log");
    List<String> line =
        new ArrayList<>(
            List.of(
                "/usr/bin/time",
                "-f",
                TIME_FORMAT,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    line.addAll(floorJvmOptions);
    line.addAll(
        List.of(
            "-cp",
            classpath,
            FloorClient.class.getName(),
            mode,
            String.valueOf(server.imapPort()),
            server.floorOwner().login(),
            server.floorOwner().password(),
            String.valueOf(server.smtpPort()),
            "127.0.0.1",
            "INBOX",
            server.envelope(),
            String.valueOf(afterUid),
            String.valueOf(expected)));
    Process process =
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    logs.put(process, log);
    return process;
  }

  private final Map<Process, Path> logs = new java.util.concurrent.ConcurrentHashMap<>();

  private Path logOf(Process process) {
    return logs.get(process);
  }

  private String rssOf(Process process) throws IOException {
    Matcher m = Pattern.compile("rss=(\\d+)").matcher(Files.readString(logOf(process)));
    String rss = "?";
    while (m.find()) {
      rss = (Long.parseLong(m.group(1)) / 1024) + " MB";
    }
    return rss;
  }

  private String cpuOf(Process process) throws IOException {
    Matcher m =
        Pattern.compile("cpu=([\\d.]+)\\+([\\d.]+)").matcher(Files.readString(logOf(process)));
    String cpu = "?";
    while (m.find()) {
      cpu = "%.1f s".formatted(Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)));
    }
    return cpu;
  }

  /** The whole machine's busy CPU, from {@code /proc/stat}: user, nice, system, irq, softirq. */
  private static final class MachineCpu {
    /** USER_HZ, which Linux fixes at 100 for {@code /proc/stat}. */
    private static final double TICKS_PER_SECOND = 100;

    static long busyTicks() throws IOException {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      return Long.parseLong(f[1])
          + Long.parseLong(f[2])
          + Long.parseLong(f[3])
          + Long.parseLong(f[6])
          + Long.parseLong(f[7]);
    }

    static double secondsSince(long ticks) throws IOException {
      return (busyTicks() - ticks) / TICKS_PER_SECOND;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", "").toLowerCase(Locale.ROOT), args[i + 1]);
    }
    return options;
  }
}
