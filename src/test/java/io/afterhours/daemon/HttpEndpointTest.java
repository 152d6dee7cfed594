package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(HttpEndpoint endpoint, String path) throws Exception {
    return request(endpoint, "GET", path);
  }

  private HttpResponse<String> request(HttpEndpoint endpoint, String method, String path)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyzAndItsOldNameHealthzAreUpWhileEveryMailboxAnswersAndDownOtherwise() throws Exception {
    Map<String, Boolean> states = new TreeMap<>(Map.of("work", true, "home", true));
    try (HttpEndpoint endpoint = HttpEndpoint.start(0, new Metrics(), () -> states, () -> true)) {
      for (String path : new String[] {"/readyz", "/healthz"}) {
        states.put("home", true);
        HttpResponse<String> up = get(endpoint, path);
        assertThat(up.statusCode()).as(path).isEqualTo(200);
        assertThat(up.body())
            .isEqualTo("{\"status\":\"up\",\"mailboxes\":{\"home\":\"up\",\"work\":\"up\"}}");

        states.put("home", false);
        HttpResponse<String> down = get(endpoint, path);
        assertThat(down.statusCode()).as(path).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"down\"").contains("\"home\":\"down\"");
      }
    }
  }

  @Test
  void livezFollowsTheSchedulerNotTheMailServers() throws Exception {
    AtomicBoolean ticking = new AtomicBoolean(true);
    Map<String, Boolean> serversDown = Map.of("work", false);
    try (HttpEndpoint endpoint =
        HttpEndpoint.start(0, new Metrics(), () -> serversDown, ticking::get)) {
      assertThat(get(endpoint, "/readyz").statusCode()).isEqualTo(503);
      HttpResponse<String> live = get(endpoint, "/livez");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("{\"status\":\"up\"}");

      ticking.set(false);
      HttpResponse<String> dead = get(endpoint, "/livez");
      assertThat(dead.statusCode()).isEqualTo(503);
      assertThat(dead.body()).isEqualTo("{\"status\":\"down\"}");
    }
  }

  @Test
  void onlyGetAndHeadAreAnsweredAnyOtherMethodGets405WithAllow() throws Exception {
    try (HttpEndpoint endpoint =
        HttpEndpoint.start(0, new Metrics(), () -> Map.of("work", true), () -> true)) {
      for (String path : new String[] {"/livez", "/readyz", "/healthz", "/metrics"}) {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
          HttpResponse<String> refused = request(endpoint, method, path);
          assertThat(refused.statusCode()).as(method + " " + path).isEqualTo(405);
          assertThat(refused.headers().firstValue("Allow")).contains("GET, HEAD");
        }
        HttpResponse<String> head = request(endpoint, "HEAD", path);
        assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(200);
        assertThat(head.body()).isEmpty();
      }
    }
  }

  @Test
  void anUnknownPathIs404() throws Exception {
    try (HttpEndpoint endpoint = HttpEndpoint.start(0, new Metrics(), Map::of, () -> true)) {
      for (String path : new String[] {"/", "/metricsx", "/metrics/more", "/livez/", "/status"}) {
        assertThat(get(endpoint, path).statusCode()).as(path).isEqualTo(404);
        assertThat(request(endpoint, "POST", path).statusCode()).as(path).isEqualTo(404);
      }
    }
  }

  @Test
  void metricsCountDecisionsPassesAndMailboxStateInPrometheusFormat() throws Exception {
    Metrics metrics = new Metrics();
    metrics.decision("work", "skip", "LIST_MAIL");
    metrics.decision("work", "skip", "LIST_MAIL");
    metrics.decision("work", "reply", "after-hours");
    metrics.pass("work", Duration.ofMillis(120), true);
    metrics.watch(Map.of("work", () -> false));
    try (HttpEndpoint endpoint = HttpEndpoint.start(0, metrics, Map::of, () -> true)) {
      HttpResponse<String> scrape = get(endpoint, "/metrics");

      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(scrape.body())
          .contains(
              "afterhours_decisions_total{mailbox=\"work\",outcome=\"skip\",reason=\"LIST_MAIL\"} 2.0")
          .contains(
              "afterhours_decisions_total{mailbox=\"work\",outcome=\"reply\",reason=\"after-hours\"} 1.0")
          .contains("afterhours_pass_seconds_count{mailbox=\"work\",result=\"ok\"} 1")
          .contains("afterhours_mailbox_up{mailbox=\"work\"} 0.0");
    }
  }
}
