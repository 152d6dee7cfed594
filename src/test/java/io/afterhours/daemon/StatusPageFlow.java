package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.afterhours.cli.AfterhoursCommand;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code afterhours run} in a JVM of its own, its status page driven in a real headless Chromium
 * (Debian's, through its chromedriver; skipped where they are not installed): the page shows the
 * week, the decision just taken and the reply a sender gets now; the away switch on the page
 * changes the next client's reply without a restart, and back; without the token nothing changes.
 * The mail system is the subclass's: GreenMail ({@link StatusPageIT}) or a real Dovecot and Postfix
 * ({@link StatusPageDovecotIT}).
 */
abstract class StatusPageFlow {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String AFTER_HOURS_WORDS = "Our office is closed at the moment";
  private static final String AWAY_WORDS = "I am away from the office";

  /** The mailbox's name in the config each subclass writes. */
  static final String MAILBOX = "work";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private ChildProcess daemon;
  private WebDriver browser;
  private int port;
  private Path config;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        getClass().getSimpleName()
            + " needs Debian's Chromium and chromedriver (apt-get install chromium"
            + " chromium-driver): /usr/bin/chromium or /usr/bin/chromedriver is missing, so the"
            + " status page is not tested in a browser here");
    port = ResponderHarness.closedPort();
    config =
        startMail(dir, "idle = false\nhttp.port = " + port + "\n" + closedUntilThreeDaysFromNow());
  }

  /**
   * Starts (or checks) the mail system and writes a config for mailbox {@link #MAILBOX} that polls
   * every second, with {@code office} (zone, language, hours, http) in its {@code afterhours}
   * block.
   *
   * @return the config file
   */
  abstract Path startMail(Path dir, String office) throws Exception;

  /** The owner's address, where client mail goes. */
  abstract String owner();

  /** A new client address that can receive replies. */
  abstract String client(String name) throws Exception;

  /** Delivers {@code mail} to the owner's INBOX. */
  abstract void deliver(IncomingMail mail) throws Exception;

  /** The replies that reached {@code address}, oldest first. */
  abstract List<MimeMessage> repliesTo(String address) throws Exception;

  /** Stops what {@link #startMail} started. */
  abstract void stopMail() throws Exception;

  /**
   * English replies, and an office in UTC that opens only three days from now, so that it is closed
   * now and for the whole test, whenever it runs.
   */
  private static String closedUntilThreeDaysFromNow() {
    DayOfWeek open = LocalDate.now(ZoneOffset.UTC).plusDays(3).getDayOfWeek();
    StringBuilder hours = new StringBuilder("zone = \"UTC\"\nlanguage = \"en\"\nhours {\n");
    for (DayOfWeek day : DayOfWeek.values()) {
      hours
          .append(day.name().toLowerCase(Locale.ROOT))
          .append(" = ")
          .append(day == open ? "[\"09:00-17:00\"]" : "[]")
          .append('\n');
    }
    return hours.append("}").toString();
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (daemon != null) {
      daemon.close();
    }
    stopMail();
  }

  @Test
  void theOwnerSeesTheWeekADecisionAndThePreviewAndSwitchesAwayOnAndOffFromThePage()
      throws Exception {
    // The daemon's log stays in target/ for a failure to be understood.
    // Written once: the daemon reloads when the file changes.
    daemon =
        ChildProcess.start(
            config, Path.of("target", getClass().getSimpleName() + "-run.log"), "run");
    await()
        .atMost(Duration.ofSeconds(60))
        .failFast("the daemon exited", () -> !daemon.isAlive())
        .until(() -> status("/livez") == 200 && daemon.output().contains("first start"));

    String budi = client("budi");
    deliver(IncomingMail.from("Budi <" + budi + ">", owner()).subject("Quote please"));
    String list = client("list");
    deliver(
        IncomingMail.from(list, owner())
            .subject("Digest")
            .header("List-Id", "<b id=\"injected\">dev</b> <script>alert(1)</script>"));
    await().atMost(Duration.ofSeconds(30)).until(() -> replyText(budi).contains(AFTER_HOURS_WORDS));

    browser = chromium();
    browser.get(base() + "/");
    browser.findElement(By.linkText(MAILBOX)).click();

    assertThat(text("week")).contains("Now: closed").contains("Next opening");
    assertThat(browser.findElements(By.cssSelector("#windows tr"))).hasSizeGreaterThan(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              browser.navigate().refresh();
              return text("decision-list").contains("LIST_MAIL");
            });
    assertThat(text("decision-list")).contains(budi).contains("reply").contains("LIST_MAIL");
    assertThat(text("decision-list"))
        .as("a header's markup is shown as text, never run")
        .contains("<b id=\"injected\">dev</b> <script>alert(1)</script>");
    assertThat(browser.findElements(By.id("injected"))).isEmpty();
    assertThat(text("preview-template")).isEqualTo("after-hours.en");
    assertThat(text("preview-text")).contains(AFTER_HOURS_WORDS);
    assertThat(browser.findElement(By.id("preview-html")).getAttribute("sandbox")).isEmpty();

    // Without the token, the page refuses (403) and nothing changes.
    String until = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
    fillAwayForm(until, "");
    assertThat(text("refused")).contains("Nothing was changed").contains("token is missing");
    assertThat(post("/mailbox/work/away", "from=2026-01-01&until=" + until, Map.of()).statusCode())
        .isEqualTo(403);
    browser.get(base() + "/mailbox/work");
    assertThat(text("away-periods")).contains("no away periods");

    // With it, away is on at once, for the next client's reply, without a restart.
    fillAwayForm(until, token());
    assertThat(text("away-periods")).contains("the store, #1").contains("now");
    assertThat(text("preview-template")).isEqualTo("away.en");
    String sari = client("sari");
    deliver(IncomingMail.from("Sari <" + sari + ">", owner()).subject("Hello"));
    await().atMost(Duration.ofSeconds(30)).until(() -> replyText(sari).contains(AWAY_WORDS));
    assertThat(replyText(sari)).contains("cuti");
    // While the period runs, "while you were away" sums it up until now; it counts decisions by
    // when they were taken.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              browser.get(base() + "/mailbox/work");
              return text("while-away").contains(sari);
            });

    // Ending it from the page restores the after-hours reply.
    browser.get(base() + "/mailbox/work");
    browser.findElement(By.id("end-token-1")).sendKeys(token());
    clickAndWaitForTheNextPage(By.cssSelector("#away-periods button.end"));
    assertThat(text("away-periods")).contains("over");
    assertThat(text("preview-template")).isEqualTo("after-hours.en");
    String tono = client("tono");
    deliver(IncomingMail.from("Tono <" + tono + ">", owner()).subject("Again"));
    await().atMost(Duration.ofSeconds(30)).until(() -> replyText(tono).contains(AFTER_HOURS_WORDS));

    browser.navigate().refresh();
    assertThat(text("changes")).contains("page set away period #1").contains("page ended");
    assertThat(daemon.output()).contains("away switch: page set away period #1");
  }

  private void fillAwayForm(String until, String token) {
    browser.findElement(By.id("away-until")).sendKeys(until);
    browser.findElement(By.id("away-note")).sendKeys("cuti");
    browser.findElement(By.id("away-token")).sendKeys(token);
    clickAndWaitForTheNextPage(By.id("away-submit"));
  }

  /**
   * Clicks a button that posts a form and waits until the browser shows the page it leads to: an
   * element looked up before then may belong to the page that is going away.
   */
  private void clickAndWaitForTheNextPage(By button) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(button).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    return driver;
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private String token() {
    StringWriter out = new StringWriter();
    var cli = AfterhoursCommand.commandLine(Clock.systemUTC(), Map.of());
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute("--config", config.toString(), "token")).isZero();
    return out.toString().strip();
  }

  private String replyText(String address) throws Exception {
    List<MimeMessage> replies = repliesTo(address);
    if (replies.isEmpty()) {
      return "";
    }
    Object content = replies.get(replies.size() - 1).getContent();
    if (content instanceof jakarta.mail.Multipart multipart) {
      return String.valueOf(multipart.getBodyPart(0).getContent());
    }
    return String.valueOf(content);
  }

  private int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(base() + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1; // not listening yet
    }
  }

  private HttpResponse<String> post(String path, String form, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
