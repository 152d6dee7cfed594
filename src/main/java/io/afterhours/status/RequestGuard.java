package io.afterhours.status;

import com.sun.net.httpserver.Headers;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read the page and who may change state through it.
 *
 * <ul>
 *   <li>Bound to the loopback, the page answers only requests addressed to a loopback name ({@code
 *       Host}): a web page elsewhere that rebinds its own name to 127.0.0.1 (DNS rebinding) gets
 *       nothing.
 *   <li>A change (POST) must come from the page itself: a browser's {@code Sec-Fetch-Site} must say
 *       {@code same-origin} and its {@code Origin} must be this server; and it must carry the
 *       install's token, in the form field {@code token} or the header {@code X-Afterhours-Token}.
 *       A script without a browser (curl) sends neither header, and needs only the token.
 * </ul>
 *
 * GET and HEAD never change anything.
 */
final class RequestGuard {
  static final String TOKEN_HEADER = "X-Afterhours-Token";
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final boolean loopbackOnly;
  private final Optional<String> token;

  /**
   * @param loopbackOnly the server listens on the loopback only
   * @param token the install's token; empty when it could not be read, and then nothing changes
   */
  RequestGuard(boolean loopbackOnly, Optional<String> token) {
    this.loopbackOnly = loopbackOnly;
    this.token = token;
  }

  /** Why a request may not be answered at all; empty when it may. */
  Optional<String> refuseToRead(Headers headers) {
    if (!loopbackOnly) {
      return Optional.empty();
    }
    String host = hostName(headers.getFirst("Host"));
    if (!LOOPBACK_NAMES.contains(host)) {
      return Optional.of(
          "this page answers requests for 127.0.0.1 or localhost only, not \"" + host + "\"");
    }
    return Optional.empty();
  }

  /** Why a request may not change state; empty when it may. */
  Optional<String> refuseToChange(Headers headers, Optional<String> formToken) {
    String site = headers.getFirst("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin")) {
      return Optional.of("the request came from another site (Sec-Fetch-Site: " + site + ")");
    }
    String origin = headers.getFirst("Origin");
    String host = headers.getFirst("Host");
    if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
      return Optional.of("the request came from another site (Origin: " + origin + ")");
    }
    if (token.isEmpty()) {
      return Optional.of(
          "this daemon has no token to check, so nothing can be changed from the page (its log"
              + " says why; http.token-file names a place it can write)");
    }
    String given = Optional.ofNullable(headers.getFirst(TOKEN_HEADER)).orElse(formToken.orElse(""));
    if (!AccessToken.matches(token.get(), given)) {
      return Optional.of(
          given.isBlank()
              ? "the token is missing: `afterhours token` prints it"
              : "the token is wrong: `afterhours token` prints the right one");
    }
    return Optional.empty();
  }

  /** "127.0.0.1" of "127.0.0.1:9188", "[::1]" of "[::1]:9188", lower-case. */
  static String hostName(String host) {
    if (host == null) {
      return "";
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}
