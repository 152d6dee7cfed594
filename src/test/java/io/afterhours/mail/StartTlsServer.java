package io.afterhours.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Just enough IMAP or SMTP to reach STARTTLS and present {@link TlsFixture}'s certificate there
 * (GreenMail has no STARTTLS of its own); the handshake is the end of every conversation.
 */
final class StartTlsServer {
  private StartTlsServer() {}

  static HandMadeServer imap(TlsFixture tls) throws IOException {
    return new HandMadeServer(
        (connection, index) -> {
          BufferedReader in = reader(connection);
          write(connection, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n");
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            String tag = words[0];
            String command = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
            switch (command) {
              case "CAPABILITY" ->
                  write(
                      connection,
                      "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag + " OK done\r\n");
              case "STARTTLS" -> {
                write(connection, tag + " OK begin TLS now\r\n");
                tls.serverTls(connection).startHandshake();
                return;
              }
              default -> write(connection, tag + " BAD not here\r\n");
            }
          }
        });
  }

  static HandMadeServer smtp(TlsFixture tls) throws IOException {
    return new HandMadeServer(
        (connection, index) -> {
          BufferedReader in = reader(connection);
          write(connection, "220 test ESMTP\r\n");
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.split(" ")[0].toUpperCase(Locale.ROOT);
            switch (command) {
              case "EHLO" -> write(connection, "250-test\r\n250 STARTTLS\r\n");
              case "STARTTLS" -> {
                write(connection, "220 go ahead\r\n");
                tls.serverTls(connection).startHandshake();
                return;
              }
              case "QUIT" -> {
                write(connection, "221 bye\r\n");
                return;
              }
              default -> write(connection, "500 not here\r\n");
            }
          }
        });
  }

  private static BufferedReader reader(Socket connection) throws IOException {
    return new BufferedReader(
        new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
  }

  private static void write(Socket connection, String text) throws IOException {
    OutputStream out = connection.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
