package io.afterhours.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** STYLE §1 and §4: the policy is pure; it reaches no server, file or clock. */
class PolicyArchitectureTest {
  private static final JavaClasses POLICY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.afterhours.policy");

  @Test
  void usesNoMailServerSchedulerDatabaseConfigOrFileApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.mail..",
            "org.eclipse.angus..",
            "org.quartz..",
            "java.sql..",
            "javax.sql..",
            "com.typesafe.config..",
            "java.io..",
            "java.nio..",
            "java.net..")
        .check(POLICY);
  }

  @Test
  void neverReadsTheClock() {
    noClasses()
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(Clock.class, "systemUTC")
        .orShould()
        .callMethod(Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .check(POLICY);
  }
}
