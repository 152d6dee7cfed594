package io.afterhours;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void theStreamProviderNamedForJakartaMailIsTheOneItsServiceFileWouldFind() throws Exception {
    // A wrong name would make every message fail to parse: it must stay Angus's own provider.
    assertThat(ServiceLoader.load(StreamProvider.class).findFirst())
        .get()
        .extracting(p -> p.getClass().getName())
        .isEqualTo(Main.ANGUS_STREAM_PROVIDER);
    assertThat(StreamProvider.class.isAssignableFrom(Class.forName(Main.ANGUS_STREAM_PROVIDER)))
        .isTrue();
  }
}
