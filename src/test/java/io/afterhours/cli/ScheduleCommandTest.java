package io.afterhours.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {

  @Test
  void listsTheWeeksOpenWindowsWithOffsetsAsJson() throws Exception {
    Cli cli = Cli.run("--config", "config/afterhours.conf", "schedule", "--days", "7", "--json");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out);
    assertThat(json.get("zone").asText()).isEqualTo("Asia/Jakarta");
    // From Friday 13:00: Friday afternoon, then Monday to Thursday twice a day, then Friday
    // morning.
    assertThat(json.get("windows")).hasSize(10);
    assertThat(json.get("windows").get(0).get("open").asText())
        .isEqualTo("2026-11-27T13:00:00+07:00");
    assertThat(json.get("windows").get(1).get("open").asText())
        .isEqualTo("2026-11-30T08:00:00+07:00");
    assertThat(json.get("windows").get(1).get("close").asText())
        .isEqualTo("2026-11-30T12:00:00+07:00");
    assertThat(json.get("closures").get(0).get("reason").asText()).isEqualTo("weekend");
    assertThat(json.get("closures").get(0).get("from").asText())
        .isEqualTo("2026-11-27T16:00:00+07:00");
  }

  @Test
  void aLunchBetweenTwoRangesIsABreakAndEveryInstantIsToTheSecond() throws Exception {
    // A clock with nanoseconds, as a real one has: the first window starts at "now".
    Clock clock = Clock.fixed(Instant.parse("2026-11-30T02:30:12.345678901Z"), ZoneOffset.UTC);
    Cli cli =
        Cli.run(
            clock,
            Map.of(),
            "--config",
            "config/afterhours.conf",
            "schedule",
            "--days",
            "1",
            "--json");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out);
    assertThat(json.get("windows").get(0).get("open").asText())
        .isEqualTo("2026-11-30T09:30:12+07:00");
    assertThat(json.get("closures").get(0).get("from").asText())
        .isEqualTo("2026-11-30T12:00:00+07:00");
    assertThat(json.get("closures").get(0).get("reason").asText()).isEqualTo("break");
    assertThat(json.get("closures").get(1).get("reason").asText()).isEqualTo("night");
    assertThat(json.findValuesAsText("open"))
        .allSatisfy(t -> assertThat(t).matches(ISO_TO_THE_SECOND));
    assertThat(json.findValuesAsText("until"))
        .allSatisfy(t -> assertThat(t).matches(ISO_TO_THE_SECOND));

    Cli text =
        Cli.run(clock, Map.of(), "--config", "config/afterhours.conf", "schedule", "--days", "1");
    assertThat(text.out).contains("Mon 30 Nov 2026 12:00 – Mon 30 Nov 2026 13:00  break");
  }

  /** 2026-11-30T09:30:12+07:00: an offset, and no fraction of a second. */
  static final String ISO_TO_THE_SECOND =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)";

  @Test
  void namesHolidaysInTheClosures() throws Exception {
    Cli cli =
        Cli.run(
            "--config",
            "config/afterhours.conf",
            "schedule",
            "--from",
            "2026-12-24T00:00",
            "--days",
            "2",
            "--json");

    JsonNode closures = new ObjectMapper().readTree(cli.out).get("closures");
    assertThat(closures.findValuesAsText("name")).contains("Hari Raya Natal");
    assertThat(closures.findValuesAsText("reason")).contains("holiday");
  }

  @Test
  void aWeekdayWithoutHoursIsADayOffNotAWeekend(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("afterhours.conf"),
            """
            include file("%s")
            afterhours.hours.wednesday = []
            """
                .formatted(Path.of("config/afterhours.conf").toAbsolutePath()));
    Cli cli =
        Cli.run(
            "--config",
            config.toString(),
            "schedule",
            "--from",
            "2026-11-30T00:00",
            "--days",
            "7",
            "--json");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    JsonNode closures = new ObjectMapper().readTree(cli.out).get("closures");
    assertThat(closures.findValuesAsText("reason")).contains("day-off", "weekend");
  }

  @Test
  void printsAReadableTableWithoutJson() {
    Cli cli = Cli.run("--config", "config/afterhours.conf", "schedule", "--days", "3");

    assertThat(cli.exitCode).isZero();
    assertThat(cli.out).contains("Mon 30 Nov 2026 08:00 – 12:00 WIB").contains("weekend");
  }

  @Test
  void aBadFromIsAUsageError() {
    Cli cli = Cli.run("--config", "config/afterhours.conf", "schedule", "--from", "tomorrow");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("--from").contains("tomorrow");
  }
}
