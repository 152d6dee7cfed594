package io.afterhours.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.afterhours.config.OfficeSettings;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.sieve.SieveConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateFilesTest {
  private static OfficeSettings officeIn(Path dir) {
    return SieveConfigs.mailbox(SieveConfigs.write(dir, ""), SieveConfigs.FRIDAY_AFTERNOON)
        .office();
  }

  @Test
  void mailboxesThatShareATemplateFolderShareOneCatalogAndOneCheck(@TempDir Path dir)
      throws Exception {
    OfficeSettings first = officeIn(dir.resolve("a"));
    OfficeSettings second = officeIn(dir.resolve("b"));
    TemplateFiles.Shared shared = new TemplateFiles.Shared();

    TemplateCatalog catalog = shared.load(first);

    assertThat(shared.load(first)).isSameAs(catalog);
    assertThat(shared.load(second)).as("another folder").isNotSameAs(catalog);
    assertThat(new TemplateFiles.Shared().load(first)).as("read again").isNotSameAs(catalog);
    assertThat(shared.check(first)).isEmpty();
  }

  @Test
  void aSharedCheckFindsWhatTheSingleOneFinds(@TempDir Path dir) throws Exception {
    OfficeSettings office = officeIn(dir);
    Path template = office.templates().resolve("after-hours.en.txt");
    Files.writeString(template, Files.readString(template) + "\n{{values.nobody-set-this}}\n");

    assertThat(new TemplateFiles.Shared().check(office))
        .isNotEmpty()
        .containsExactlyElementsOf(TemplateFiles.check(TemplateFiles.load(office), office));
  }
}
