package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;

class NewMailDetectorTest {
  private final AtomicInteger newMail = new AtomicInteger();
  private final AtomicInteger bye = new AtomicInteger();
  private final NewMailDetector detector =
      new NewMailDetector(3, newMail::incrementAndGet, bye::incrementAndGet);

  private void receive(String line) throws Exception {
    detector.handleResponse(new IMAPResponse(line));
  }

  @Test
  void anExistsAboveTheCountIsNewMail() throws Exception {
    receive("* 4 EXISTS");
    receive("* 6 EXISTS");

    assertThat(newMail).hasValue(2);
    assertThat(bye).hasValue(0);
  }

  @Test
  void anExistsThatOnlyRepeatsTheCountAfterAnExpungeIsNotNewMail() throws Exception {
    receive("* 2 EXPUNGE");
    receive("* 2 EXISTS");
    receive("* 3 EXISTS");

    assertThat(newMail).hasValue(1);
  }

  @Test
  void otherResponsesAreNotNewMail() throws Exception {
    receive("* 1 RECENT");
    receive("* 2 FETCH (FLAGS (\\Seen))");
    receive("A1 OK 9 EXISTS");

    assertThat(newMail).hasValue(0);
  }

  @Test
  void byeEndsTheConnection() throws Exception {
    receive("* BYE server shutting down");

    assertThat(bye).hasValue(1);
    assertThat(newMail).hasValue(0);
  }
}
