package io.afterhours;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * STYLE §1 and §4: the domain (schedule, policy, reply) knows nothing of mail servers, schedulers,
 * databases or config files, touches no file and reads no clock; only the demo may use GreenMail.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.afterhours");
  private static final String[] DOMAIN = {
    "io.afterhours.schedule..", "io.afterhours.policy..", "io.afterhours.reply.."
  };

  @Test
  void theDomainUsesNoMailSchedulerDatabaseOrConfigLibrary() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.mail..",
            "org.eclipse.angus..",
            "org.quartz..",
            "java.sql..",
            "javax.sql..",
            "com.zaxxer..",
            "org.flywaydb..",
            "com.typesafe.config..",
            "java.nio.file..",
            "java.net..")
        .check(MAIN);
  }

  @Test
  void theDomainDependsOnNoAdapter() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.afterhours.mail..",
            "io.afterhours.store..",
            "io.afterhours.config..",
            "io.afterhours.cli..",
            "io.afterhours.daemon..",
            "io.afterhours.holidays..")
        .check(MAIN);
  }

  @Test
  void theDomainNeverReadsTheClock() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(Clock.class, "systemUTC")
        .orShould()
        .callMethod(Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .check(MAIN);
  }

  /**
   * DESIGN §7: the pass depends on ports (message source, reply sender, ledger, leases), never on
   * the mail library or the database, so its exactly-once protocol is tested with fakes that crash
   * at every step.
   */
  @Test
  void thePassAndItsPortsUseNoMailLibraryAndNoDatabase() {
    noClasses()
        .that()
        .resideInAnyPackage("io.afterhours.daemon..", "io.afterhours.pass..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.mail..", "org.eclipse.angus..", "java.sql..", "javax.sql..", "com.zaxxer..")
        .check(MAIN);
  }

  @Test
  void thePortsDependOnNoAdapter() {
    noClasses()
        .that()
        .resideInAnyPackage("io.afterhours.pass..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.afterhours.mail..",
            "io.afterhours.store..",
            "io.afterhours.daemon..",
            "io.afterhours.cli..",
            "org.quartz..")
        .check(MAIN);
  }

  @Test
  void onlyTheDemoUsesTheEmbeddedMailServer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.afterhours.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.icegreen..")
        .check(MAIN);
  }
}
