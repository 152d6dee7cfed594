package io.afterhours.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator sees when the store cannot be opened. */
class StoreOpeningTest {

  @Test
  void anUnsupportedUrlIsNamedWithoutItsPassword() {
    assertThatThrownBy(() -> Store.open(StoreSettings.of("jdbc:mysql://db/x?password=hunter2")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:mysql://db/x?password=***")
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsPassword() {
    StoreSettings settings =
        new StoreSettings(
            "jdbc:postgresql://127.0.0.1:1/afterhours?user=ah&password=hunter2",
            Optional.of("ah"),
            Optional.of("s3cret"));

    assertThatThrownBy(() -> Store.open(settings))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(
            "Cannot connect to the store at"
                + " jdbc:postgresql://127.0.0.1:1/afterhours?user=ah&password=***")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void settingsNeverPrintTheirPassword() {
    StoreSettings settings = StoreSettings.of("jdbc:h2:mem:x;PASSWORD=hunter2", "sa", "s3cret");

    assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    assertThat(settings.redactedUrl()).isEqualTo("jdbc:h2:mem:x;PASSWORD=***");
  }
}
