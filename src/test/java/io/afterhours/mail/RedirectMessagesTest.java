package io.afterhours.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.pass.Redirect;
import io.afterhours.policy.MailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 5322 §3.6.6: a redirected message is the original under Resent-* fields. */
class RedirectMessagesTest {
  private static final String ORIGINAL =
      "Return-Path: <budi@klien.test>\r\n"
          + "Received: from x by y;\r\n"
          + "  Sat, 28 Nov 2026 21:00:00 +0700\r\n"
          + "From: Budi <budi@klien.test>\r\n"
          + "Subject: =?UTF-8?Q?Revisi_logo_=E2=80=94?=\r\n"
          + "Message-ID: <m1@klien.test>\r\n"
          + "\r\n"
          + "Return-Path: in the body stays\r\n"
          + "Halo.\r\n";

  @Test
  void theResentFieldsComeFirstAndTheOriginalFollowsByteForByteButItsReturnPath() throws Exception {
    Redirect redirect =
        new Redirect(
            "work",
            new MailAddress("owner@studio.test", "Studio Kopi"),
            MailAddress.of("rekan@studio.test"),
            "<afterhours.r1@studio.test>",
            Instant.parse("2026-11-28T14:05:00Z"),
            ORIGINAL.getBytes(StandardCharsets.UTF_8));

    String sent = new String(RedirectMessages.bytes(redirect), StandardCharsets.UTF_8);

    assertThat(sent)
        .startsWith(
            "Resent-From: Studio Kopi <owner@studio.test>\r\nResent-To: rekan@studio.test\r\n"
                + "Resent-Date: ")
        .contains("Resent-Message-ID: <afterhours.r1@studio.test>\r\nReceived: from x by y;\r\n")
        .endsWith(ORIGINAL.substring(ORIGINAL.indexOf("Received:")))
        .doesNotContain("Return-Path: <budi@klien.test>")
        .contains("Return-Path: in the body stays");
  }
}
