package io.afterhours.daemon;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The status page's browser test over GreenMail: runs wherever Chromium is installed. */
class StatusPageIT extends StatusPageFlow {
  private MailServer server;
  private ResponderHarness responder;

  @Override
  Path startMail(Path dir, String office) throws Exception {
    server = MailServer.start();
    responder = new ResponderHarness(server, dir).pollingEvery("1s").with(office);
    return responder.configFile();
  }

  @Override
  String owner() {
    return responder.owner();
  }

  @Override
  String client(String name) {
    return responder.client(name);
  }

  @Override
  void deliver(IncomingMail mail) throws Exception {
    responder.deliver(mail, Instant.now());
  }

  @Override
  List<MimeMessage> repliesTo(String address) {
    return responder.repliesTo(address);
  }

  @Override
  void stopMail() {
    if (responder != null) {
      responder.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
