package io.afterhours.status;

/** The page's shell: one small style sheet, no script, nothing loaded from elsewhere. */
final class Layout {
  /**
   * Nothing but the page's own forms and inline style; the HTML preview's frame (srcdoc, sandboxed)
   * inherits it, so a reply template cannot load images or run anything either.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private static final String STYLE =
      """
      body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#222}
      h1 small{font-weight:normal;color:#666;font-size:60%}
      h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
      table{border-collapse:collapse;margin:.5em 0}
      th,td{text-align:left;padding:.2em .6em;border-bottom:1px solid #eee;vertical-align:top}
      caption{text-align:left;font-weight:bold}
      .cols{display:flex;gap:2em;flex-wrap:wrap}
      .up{color:#17692a;font-weight:bold}.down{color:#a0201a;font-weight:bold}
      .note{background:#eef6ee;padding:.4em .8em}
      tr.away td,tr.now td{background:#fff6e0}
      tr.skip td{color:#555}tr.failed td,tr.retry td{color:#a0201a}
      pre{background:#f6f6f6;padding:.8em;white-space:pre-wrap;max-width:60em}
      iframe{width:100%;max-width:60em;height:22em;border:1px solid #ccc}
      fieldset{border:1px solid #ccc;margin-top:1em}label{margin-right:.6em}
      .hint{color:#666;margin:.2em 0}form{display:inline}
      """;

  private Layout() {}

  static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + Html.text(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>"
        + body
        + "</body></html>";
  }
}
