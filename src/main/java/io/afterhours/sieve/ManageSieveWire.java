package io.afterhours.sieve;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ManageSieve syntax (RFC 5804 §4): atoms, quoted strings, literals {@code {N}} and response
 * codes in parentheses from the server; commands with quoted strings or non-synchronizing literals
 * {@code {N+}} to it. All text is UTF-8.
 */
final class ManageSieveWire {
  /** Quoted strings longer than this go out as literals (RFC 5804 §4: at most 1024 octets). */
  private static final int MAX_QUOTED = 1000;

  private final InputStream in;
  private final OutputStream out;

  ManageSieveWire(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** One element of a server line. */
  record Token(Kind kind, String text) {
    enum Kind {
      ATOM,
      STRING,
      CODE
    }

    boolean isAtom(String word) {
      return kind == Kind.ATOM && text.equalsIgnoreCase(word);
    }
  }

  /**
   * A complete response: the data lines before it, and the final OK, NO or BYE.
   *
   * @param code the response code without parentheses, e.g. {@code QUOTA/MAXSIZE}, or empty
   * @param text the human-readable text, or empty
   */
  record Response(String status, String code, String text, List<List<Token>> data) {
    boolean ok() {
      return status.equals("OK");
    }

    /** "NO (QUOTA) "Quota exceeded"" as the operator should read it. */
    String describe() {
      return status
          + (code.isEmpty() ? "" : " (" + code + ")")
          + (text.isEmpty() ? "" : " \"" + text.strip() + "\"");
    }
  }

  /** Sends one command; each argument is a string, an atom-like number goes as {@link Number}. */
  void send(String command, Object... arguments) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
    for (Object argument : arguments) {
      line.write(' ');
      if (argument instanceof Number n) {
        line.writeBytes(n.toString().getBytes(StandardCharsets.US_ASCII));
      } else {
        writeString(line, argument.toString());
      }
    }
    line.writeBytes(new byte[] {'\r', '\n'});
    out.write(line.toByteArray());
    out.flush();
  }

  private static void writeString(ByteArrayOutputStream line, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    boolean quotable =
        bytes.length <= MAX_QUOTED && value.indexOf('\r') < 0 && value.indexOf('\n') < 0;
    if (quotable) {
      line.write('"');
      for (byte b : bytes) {
        if (b == '"' || b == '\\') {
          line.write('\\');
        }
        line.write(b);
      }
      line.write('"');
    } else {
      line.writeBytes(("{" + bytes.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
      line.writeBytes(bytes);
    }
  }

  /** Reads lines up to and including the final OK, NO or BYE. */
  Response readResponse() throws IOException {
    List<List<Token>> data = new ArrayList<>();
    while (true) {
      List<Token> line = readLine();
      if (line.isEmpty()) {
        continue;
      }
      Token first = line.get(0);
      if (first.kind() == Token.Kind.ATOM) {
        String word = first.text().toUpperCase(Locale.ROOT);
        if (word.equals("OK") || word.equals("NO") || word.equals("BYE")) {
          String code = "";
          String text = "";
          for (Token t : line.subList(1, line.size())) {
            if (t.kind() == Token.Kind.CODE) {
              code = t.text();
            } else if (t.kind() == Token.Kind.STRING) {
              text = t.text();
            }
          }
          return new Response(word, code, text, data);
        }
      }
      data.add(line);
    }
  }

  private List<Token> readLine() throws IOException {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      int c = read();
      switch (c) {
        case ' ', '\t' -> {}
        case '\n' -> {
          return tokens;
        }
        case '\r' -> {
          expect('\n');
          return tokens;
        }
        case '"' -> tokens.add(new Token(Token.Kind.STRING, quoted()));
        case '{' -> tokens.add(new Token(Token.Kind.STRING, literal()));
        case '(' -> tokens.add(new Token(Token.Kind.CODE, parenthesized()));
        default -> tokens.add(new Token(Token.Kind.ATOM, atom(c)));
      }
    }
  }

  private String quoted() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      int c = read();
      if (c == '"') {
        return bytes.toString(StandardCharsets.UTF_8);
      }
      bytes.write(c == '\\' ? read() : c);
    }
  }

  private String literal() throws IOException {
    StringBuilder digits = new StringBuilder();
    int c;
    while ((c = read()) != '}') {
      if (c >= '0' && c <= '9') {
        digits.append((char) c);
      } else if (c != '+') {
        throw new IOException("the server sent a broken literal");
      }
    }
    int next = read();
    if (next == '\r') {
      expect('\n');
    } else if (next != '\n') {
      throw new IOException("the server sent a broken literal");
    }
    int length = Integer.parseInt(digits.toString());
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("the server closed the connection in the middle of a literal");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A response code, e.g. {@code QUOTA/MAXSIZE} or {@code SASL "…"}, without its parentheses. */
  private String parenthesized() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean inQuotes = false;
    while (true) {
      int c = read();
      if (c == ')' && !inQuotes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
      if (c == '"') {
        inQuotes = !inQuotes;
      } else if (c == '\\' && inQuotes) {
        bytes.write(c);
        c = read();
      }
      bytes.write(c);
    }
  }

  private String atom(int first) throws IOException {
    StringBuilder atom = new StringBuilder().append((char) first);
    while (true) {
      in.mark(1);
      int c = in.read();
      if (c < 0 || c == ' ' || c == '\r' || c == '\n' || c == '(' || c == '"') {
        in.reset();
        return atom.toString();
      }
      atom.append((char) c);
    }
  }

  private void expect(int wanted) throws IOException {
    int c = read();
    if (c != wanted) {
      throw new IOException("the server broke the ManageSieve syntax");
    }
  }

  private int read() throws IOException {
    int c = in.read();
    if (c < 0) {
      throw new EOFException("the server closed the connection");
    }
    return c;
  }

  /** The first string of each data line, e.g. the script of GETSCRIPT. */
  static Optional<String> firstString(List<List<Token>> data) {
    for (List<Token> line : data) {
      for (Token t : line) {
        if (t.kind() == Token.Kind.STRING) {
          return Optional.of(t.text());
        }
      }
    }
    return Optional.empty();
  }
}
