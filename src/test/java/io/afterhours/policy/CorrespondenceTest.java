package io.afterhours.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which sent mail shows whom the owner knows. The owner is me@example.com. */
class CorrespondenceTest {
  private static final MailboxIdentity MAILBOX = Fixtures.MAILBOX;

  @Test
  void mailTheOwnerWroteIsCorrespondence() {
    assertThat(Correspondence.isAutomatic(List.of(), "<CAF1x@mail.example.com>", MAILBOX))
        .isFalse();
    assertThat(Correspondence.isAutomatic(List.of("no"), "<CAF1x@mail.example.com>", MAILBOX))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto-replied", "auto-generated", "Auto-Replied (vacation)"})
  void automaticMailIsNot(String autoSubmitted) {
    assertThat(Correspondence.isAutomatic(List.of(autoSubmitted), "<x@example.com>", MAILBOX))
        .isTrue();
  }

  @Test
  void ourOwnRepliesAreRecognisedByTheirMessageIdEvenWithoutAutoSubmitted() {
    assertThat(Correspondence.isAutomatic(List.of(), "<afterhours.k3j9@example.com>", MAILBOX))
        .isTrue();
    assertThat(Correspondence.isAutomatic(List.of(), "<afterhours.k3j9@elsewhere.org>", MAILBOX))
        .as("our shape on another domain")
        .isFalse();
    assertThat(Correspondence.isAutomatic(List.of(), "", MAILBOX)).isFalse();
  }

  @Test
  void thePeopleAreTheRecipientsLowerCaseWithoutTheOwner() {
    List<MailAddress> recipients =
        List.of(
            new MailAddress("Anna@Client.Example", "Anna"),
            MailAddress.of("me@example.com"),
            MailAddress.of("MIA@example.com"),
            MailAddress.of("boss@x.org"),
            MailAddress.of("anna@client.example"));

    assertThat(Correspondence.people(recipients, MAILBOX))
        .containsExactly("anna@client.example", "boss@x.org");
  }
}
