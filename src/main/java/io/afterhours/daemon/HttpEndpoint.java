package io.afterhours.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code http.port > 0}, on {@code http.address} (127.0.0.1 unless the config says otherwise):
 *
 * <ul>
 *   <li>{@code /livez}: 200 while the process's scheduler runs its jobs, else 503; it does not
 *       depend on the mail servers, since a restart cannot bring a server back;
 *   <li>{@code /readyz}, and its older name {@code /healthz}: 200 while every mailbox's servers
 *       answer, else 503, with each mailbox's state;
 *   <li>{@code /metrics}: Prometheus text;
 *   <li>every other path: the status page, when there is one ({@code run} has it).
 * </ul>
 *
 * The first three answer GET and HEAD; another method gets 405. Without a page, another path gets
 * 404.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PATHS = Set.of("/livez", "/readyz", "/healthz", "/metrics");
  private static final Set<String> METHODS = Set.of("GET", "HEAD");
  private static final String JSON_TYPE = "application/json";

  private final HttpServer server;
  private final Metrics metrics;
  private final Supplier<Map<String, Boolean>> states;
  private final BooleanSupplier alive;
  private final Optional<HttpHandler> page;
  private final String address;

  private HttpEndpoint(
      HttpServer server,
      String address,
      Metrics metrics,
      Supplier<Map<String, Boolean>> states,
      BooleanSupplier alive,
      Optional<HttpHandler> page) {
    this.server = server;
    this.address = address;
    this.metrics = metrics;
    this.states = states;
    this.alive = alive;
    this.page = page;
  }

  /**
   * @param port the loopback port, or 0 for any free one (tests)
   * @param states mailbox name to true while its servers answer
   * @param alive true while the daemon's scheduler ticks
   */
  public static HttpEndpoint start(
      int port, Metrics metrics, Supplier<Map<String, Boolean>> states, BooleanSupplier alive)
      throws IOException {
    return start("127.0.0.1", port, metrics, states, alive, Optional.empty());
  }

  /**
   * @param address the IP address to listen on
   * @param page serves every path but the health and metrics ones: the status page
   */
  public static HttpEndpoint start(
      String address,
      int port,
      Metrics metrics,
      Supplier<Map<String, Boolean>> states,
      BooleanSupplier alive,
      Optional<HttpHandler> page)
      throws IOException {
    InetAddress bind = InetAddress.getByName(address);
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    HttpEndpoint endpoint = new HttpEndpoint(server, address, metrics, states, alive, page);
    server.createContext("/", endpoint::handle);
    server.start();
    LOG.info(
        "http endpoint on {}:{}: /livez, /readyz (= /healthz) and /metrics{}",
        address,
        server.getAddress().getPort(),
        page.isPresent() ? ", and the status page at /" : "");
    if (!bind.isLoopbackAddress()) {
      LOG.warn(
          "http endpoint listens on {}, not only on this machine: anyone who reaches it reads the"
              + " status page (changing the away switch still needs the token)",
          address);
    }
    return endpoint;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address it listens on, as the config gave it. */
  public String address() {
    return address;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!PATHS.contains(path) && page.isPresent()) {
      page.get().handle(exchange);
      return;
    }
    try {
      if (!PATHS.contains(path)) {
        send(exchange, 404, "text/plain", "not found: try /livez, /readyz or /metrics\n");
      } else if (!METHODS.contains(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "method not allowed: use GET or HEAD\n");
      } else if (path.equals("/metrics")) {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      } else if (path.equals("/livez")) {
        boolean live = alive.getAsBoolean();
        send(exchange, live ? 200 : 503, JSON_TYPE, status(live, Map.of()));
      } else {
        Map<String, String> mailboxes = new TreeMap<>();
        states.get().forEach((name, up) -> mailboxes.put(name, up ? "up" : "down"));
        boolean ready = !mailboxes.containsValue("down");
        send(exchange, ready ? 200 : 503, JSON_TYPE, status(ready, Map.of("mailboxes", mailboxes)));
      }
    } finally {
      exchange.close();
    }
  }

  private static String status(boolean up, Map<String, Object> more) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "up" : "down");
    body.putAll(more);
    return JSON.writeValueAsString(body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
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
