package io.afterhours.daemon;

import static io.afterhours.daemon.ResponderHarness.SATURDAY_NIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.DecisionRecord.Outcome;
import io.afterhours.policy.SkipReason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reply.only-to = correspondents} end to end: the daemon learns from the owner's Sent folder
 * whom the owner writes to, answers them, and skips everyone else as UNKNOWN_SENDER until the owner
 * writes to them too.
 */
class KnownSendersIT {
  private static MailServer server;
  private ResponderHarness responder;

  @BeforeAll
  static void startServer() {
    server = MailServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void harness(@TempDir Path dir) {
    responder = new ResponderHarness(server, dir).withReply("only-to = correspondents");
  }

  @AfterEach
  void closeResponder() {
    responder.close();
  }

  /** Mail the owner wrote to {@code to}, as the owner's mail program files it in Sent. */
  private void ownerWritesTo(String to, Duration beforeSaturdayNight) throws Exception {
    responder.deliver(
        "Sent",
        IncomingMail.from("Studio <" + responder.owner() + ">", to).subject("Penawaran"),
        SATURDAY_NIGHT.minus(beforeSaturdayNight));
  }

  @Test
  void answersTheClientTheOwnerWroteToAndNotAStrangerUntilTheOwnerWritesToThemToo()
      throws Exception {
    String anna = responder.client("anna");
    String budi = responder.client("budi");
    ownerWritesTo("Anna <" + anna + ">", Duration.ofDays(30));
    responder.openWithBaseline(); // learns from Sent, and takes the INBOX's baseline

    IncomingMail fromAnna = IncomingMail.from(anna, responder.owner());
    IncomingMail fromBudi = IncomingMail.from(budi, responder.owner());
    responder.deliver(fromAnna, SATURDAY_NIGHT);
    responder.deliver(fromBudi, SATURDAY_NIGHT.plusSeconds(30));
    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(anna)).hasSize(1);
    assertThat(responder.repliesTo(budi)).isEmpty();
    assertThat(responder.decisionsAbout(fromBudi))
        .extracting(DecisionRecord::decision, DecisionRecord::reason)
        .containsExactly(tuple(Outcome.SKIP, SkipReason.UNKNOWN_SENDER.code()));
    assertThat(responder.decisionsAbout(fromBudi).get(0).detail())
        .isEqualTo(
            "sender "
                + budi
                + " never had mail from this mailbox and matches no reply.correspondents pattern"
                + " (only-to = correspondents)");

    ownerWritesTo(budi, Duration.ofMinutes(-1)); // the owner answers Budi by hand
    IncomingMail budiAgain = IncomingMail.from(budi, responder.owner()).subject("Terima kasih");
    responder.deliver(budiAgain, SATURDAY_NIGHT.plus(Duration.ofMinutes(2)));
    assertThat(responder.pass()).isTrue();

    assertThat(responder.repliesTo(budi)).hasSize(1);
    assertThat(responder.decisionsAbout(budiAgain))
        .extracting(DecisionRecord::decision)
        .containsExactly(Outcome.REPLY);
    assertThat(responder.repliesTo(anna)).as("still one reply per closed window").hasSize(1);
  }

  @Test
  void ourOwnRepliesInSentMakeNobodyACorrespondent() throws Exception {
    String anna = responder.client("anna");
    String citra = responder.client("citra");
    responder.withReply("only-to = correspondents, correspondents = [\"anna@*\"]");
    responder.openWithBaseline();
    responder.deliver(IncomingMail.from(anna, responder.owner()), SATURDAY_NIGHT);
    assertThat(responder.pass()).isTrue();
    assertThat(responder.repliesTo(anna)).hasSize(1);
    assertThat(responder.ownerMessages("Sent")).as("our reply, copied to Sent").hasSize(1);

    // A stranger writes: the reply to Anna, now in Sent, taught nothing.
    IncomingMail fromCitra = IncomingMail.from(citra, responder.owner());
    responder.deliver(fromCitra, SATURDAY_NIGHT.plusSeconds(60));
    assertThat(responder.pass()).isTrue();

    assertThat(responder.store().correspondents().knows(ResponderHarness.MAILBOX, anna))
        .as("an auto-reply in Sent is no correspondence")
        .isFalse();
    assertThat(responder.decisionsAbout(fromCitra))
        .extracting(DecisionRecord::reason)
        .containsExactly(SkipReason.UNKNOWN_SENDER.code());
  }
}
