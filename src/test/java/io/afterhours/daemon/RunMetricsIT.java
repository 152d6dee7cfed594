package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code afterhours run} in a JVM of its own, watched as Prometheus and a service manager watch it:
 * through its http port.
 */
class RunMetricsIT {
  private static final String PASSES_OK =
      "afterhours_pass_seconds_count{mailbox=\"work\",result=\"ok\"}";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private MailServer server;
  private ResponderHarness responder;
  private ChildProcess daemon;
  private int port;

  @BeforeEach
  void start() throws Exception {
    server = MailServer.start();
    port = ResponderHarness.closedPort();
    responder =
        new ResponderHarness(server, dir)
            .pollingEvery("1s")
            .with("idle = false\nhttp.port = " + port);
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    responder.close();
    server.close();
  }

  private HttpResponse<String> request(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String scrape() throws Exception {
    return request("GET", "/metrics").body();
  }

  /** The sum of the samples whose line starts with {@code prefix}; 0 when there is none. */
  private static double sum(String scrape, String prefix) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private boolean scrapes(String part) {
    try {
      return scrape().contains(part);
    } catch (Exception e) {
      return false; // not listening yet
    }
  }

  @Test
  void countersAndTimersKeepCountingAcrossAReloadBesideTheJvmProcessAndBuildMetrics()
      throws Exception {
    daemon = ChildProcess.start(responder.configFile(), dir.resolve("run.log"), "run");
    await().atMost(Duration.ofSeconds(60)).until(() -> scrapes(PASSES_OK));
    String decisions = "afterhours_decisions_total{mailbox=\"work\"";
    for (String client : new String[] {"budi", "sari"}) {
      String address = responder.client(client);
      responder.deliver(IncomingMail.from(address, responder.owner()), SATURDAY_NIGHT);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> sum(scrape(), decisions) == 2);
    String before = scrape();
    assertThat(before)
        .contains("afterhours_build_info{commit=\"")
        .contains("version=\"" + System.getProperty("afterhours.version", "") + "\"} 1")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_memory_allocated_bytes_total")
        .contains("jvm_threads_live_threads")
        .contains("jvm_classes_loaded_classes")
        .contains("process_cpu_usage")
        .contains("process_uptime_seconds")
        .contains("process_files_open_files");

    new ProcessBuilder("kill", "-HUP", String.valueOf(daemon.pid())).start().waitFor();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> daemon.output().contains("configuration reloaded"));
    double passesBefore = sum(before, PASSES_OK);
    assertThat(sum(scrape(), PASSES_OK))
        .as("passes right after the reload")
        .isGreaterThanOrEqualTo(passesBefore);
    // The reloaded daemon has passed over the mailbox since: its passes add to the same timer.
    await().atMost(Duration.ofSeconds(30)).until(() -> sum(scrape(), PASSES_OK) > passesBefore + 1);

    String after = scrape();
    assertThat(sum(after, decisions)).as(after).isEqualTo(2);
    assertThat(request("GET", "/livez").statusCode()).isEqualTo(200);
    assertThat(request("GET", "/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> post = request("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }
}
