package io.afterhours.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(HttpEndpoint endpoint, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzIsUpWhileEveryMailboxAnswersAndDownOtherwise() throws Exception {
    Map<String, Boolean> states = new TreeMap<>(Map.of("work", true, "home", true));
    try (HttpEndpoint endpoint = HttpEndpoint.start(0, new Metrics(), () -> states)) {
      HttpResponse<String> up = get(endpoint, "/healthz");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body())
          .isEqualTo("{\"status\":\"up\",\"mailboxes\":{\"home\":\"up\",\"work\":\"up\"}}");

      states.put("home", false);
      HttpResponse<String> down = get(endpoint, "/healthz");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"down\"").contains("\"home\":\"down\"");
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
    try (HttpEndpoint endpoint = HttpEndpoint.start(0, metrics, Map::of)) {
      String body = get(endpoint, "/metrics").body();

      assertThat(body)
          .contains(
              "afterhours_decisions_total{mailbox=\"work\",outcome=\"skip\",reason=\"LIST_MAIL\"} 2.0")
          .contains(
              "afterhours_decisions_total{mailbox=\"work\",outcome=\"reply\",reason=\"after-hours\"} 1.0")
          .contains("afterhours_pass_seconds_count{mailbox=\"work\",result=\"ok\"} 1")
          .contains("afterhours_mailbox_up{mailbox=\"work\"} 0.0");
    }
  }
}
