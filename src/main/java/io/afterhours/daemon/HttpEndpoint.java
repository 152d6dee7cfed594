package io.afterhours.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code http.port > 0}: {@code /healthz} (200 while every mailbox's servers answer, else 503, with
 * each mailbox's state) and {@code /metrics} (Prometheus), on 127.0.0.1 only.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private HttpEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * @param port the loopback port, or 0 for any free one (tests)
   * @param states mailbox name to "up" or "down"
   */
  public static HttpEndpoint start(int port, Metrics metrics, Supplier<Map<String, Boolean>> states)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4", metrics.scrape()));
    server.createContext(
        "/healthz",
        exchange -> {
          Map<String, String> mailboxes = new TreeMap<>();
          states.get().forEach((name, up) -> mailboxes.put(name, up ? "up" : "down"));
          boolean healthy = !mailboxes.containsValue("down");
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", healthy ? "up" : "down");
          body.put("mailboxes", mailboxes);
          send(exchange, healthy ? 200 : 503, "application/json", JSON.writeValueAsString(body));
        });
    server.start();
    LOG.info("http endpoint on 127.0.0.1:{}: /healthz and /metrics", server.getAddress().getPort());
    return new HttpEndpoint(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
