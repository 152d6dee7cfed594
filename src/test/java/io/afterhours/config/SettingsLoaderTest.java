package io.afterhours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.afterhours.policy.ReplyAudience;
import io.afterhours.schedule.ClosureReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private Settings load(String text) throws Exception {
    return new SettingsLoader(CLOCK, dir).load(write("afterhours.conf", text));
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private List<ConfigProblem> problemsOf(String text) {
    return catchThrowableOfType(InvalidConfigException.class, () -> load(text)).problems();
  }

  private static Instant jkt(String local) {
    return OffsetDateTime.parse(local + "+07:00").toInstant();
  }

  @Test
  void theHttpEndpointListensOnTheLoopbackUnlessTheConfigNamesAnotherAddress() throws Exception {
    assertThat(load("afterhours { http.port = 9188 }").http())
        .isEqualTo(new HttpSettings(9188, "127.0.0.1", java.util.Optional.empty()));
    assertThat(load("afterhours { http { port = 9188, address = \"0.0.0.0\" } }").http().address())
        .isEqualTo("0.0.0.0");
    assertThat(problemsOf("afterhours { http { address = \"status.example.com\", port = -1 } }"))
        .extracting(Object::toString)
        .anySatisfy(p -> assertThat(p).contains("http.address").contains("is not an IP address"))
        .anySatisfy(p -> assertThat(p).contains("http.port").contains("must be 0"));
  }

  @Test
  void theSampleConfigLoadsAndKnowsJakartaHours() throws Exception {
    Settings settings = new SettingsLoader(CLOCK).load(Path.of("config/afterhours.conf"));

    var schedule = settings.office().schedule();
    assertThat(schedule.zone().getId()).isEqualTo("Asia/Jakarta");
    assertThat(settings.office().language()).isEqualTo("id");
    assertThat(schedule.nextOpeningAt(jkt("2026-11-28T21:00"))).isEqualTo(jkt("2026-11-30T08:00"));
    assertThat(schedule.closedWindowAt(jkt("2026-08-17T10:00")).orElseThrow().label())
        .isEqualTo("Hari Kemerdekaan Republik Indonesia");
    assertThat(settings.mailboxes())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.owner().address()).isEqualTo("me@example.com");
              assertThat(m.imap().port()).isEqualTo(993);
              assertThat(m.smtp().security())
                  .isEqualTo(io.afterhours.mail.ServerSettings.Security.STARTTLS);
            });
    assertThat(settings.office().reply().languagesByDomain()).isEmpty();
  }

  @Test
  void maxPerHourIsAHundredByDefaultReadFromTheFileAndNeverNegative() throws Exception {
    assertThat(load("afterhours {}").office().reply().policy().maxPerHour()).isEqualTo(100);
    assertThat(load("afterhours.reply.max-per-hour = 0").office().reply().policy().maxPerHour())
        .isZero();
    assertThat(problemsOf("afterhours {\n  reply.max-per-hour = -5\n}\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.key()).isEqualTo("reply.max-per-hour");
              assertThat(p.message()).contains("must be 0 (no limit) or more, not -5");
            });
    assertThat(problemsOf("afterhours.reply.max-per-hour = lots"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("whole number"));
  }

  @Test
  void onlyToIsAnyoneByDefaultAndAMailboxMayAskForCorrespondentsOnly() throws Exception {
    Settings settings =
        load(
            """
            afterhours {
              reply.correspondents = ["*@client.example"]
              mailboxes = [
                { name = "work", address = "me@example.com", imap { host = "h" }, smtp { host = "h" },
                  reply { only-to = correspondents, correspondents = ["boss@x.org"] } }
                { name = "team", address = "team@example.com", imap { host = "h" }, smtp { host = "h" },
                  reply.only-to = INTERNAL }
              ]
            }
            """);

    assertThat(settings.office().reply().policy().onlyTo()).isEqualTo(ReplyAudience.ANYONE);
    assertThat(settings.office().reply().policy().correspondents())
        .containsExactly("*@client.example");
    var work = settings.mailboxes().get(0).office().reply().policy();
    assertThat(work.onlyTo()).isEqualTo(ReplyAudience.CORRESPONDENTS);
    assertThat(work.correspondents()).containsExactly("boss@x.org");
    assertThat(settings.mailboxes().get(1).office().reply().policy().onlyTo())
        .isEqualTo(ReplyAudience.INTERNAL);
  }

  @Test
  void reportsAnUnknownOnlyToAndACorrespondentPatternThatIsNoAddress() {
    List<ConfigProblem> problems =
        problemsOf(
            """
            afterhours {
              reply {
                only-to = contacts
                correspondents = ["*@client.example", "client.example"]
              }
            }
            """);

    assertThat(problems)
        .extracting(ConfigProblem::toString)
        .containsExactly(
            dir.resolve("afterhours.conf")
                + ":3: reply.only-to: \"contacts\" is not one of anyone, correspondents, internal",
            dir.resolve("afterhours.conf")
                + ":4: reply.correspondents[1]: \"client.example\" is not an address pattern like"
                + " \"*@client.example\" or \"boss@example.org\"");
  }

  @Test
  void aMailboxsValuesAreMergedOverTheGlobalOnes() throws Exception {
    Settings settings =
        load(
            """
            afterhours {
              values { portfolio = "https://kopi.example", phone = "0812 000" }
              mailboxes = [
                { name = "work", address = "me@example.com", imap { host = "h" }, smtp { host = "h" },
                  values { phone = "0812 345", fax = "" } }
                { name = "home", address = "home@example.com", imap { host = "h" }, smtp { host = "h" } }
              ]
            }
            """);

    assertThat(settings.office().values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("portfolio", "https://kopi.example", "phone", "0812 000"));
    assertThat(settings.mailboxes().get(0).office().values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("portfolio", "https://kopi.example", "phone", "0812 345", "fax", ""));
    assertThat(settings.mailboxes().get(1).office().values()).isEqualTo(settings.office().values());
  }

  @Test
  void theReferenceDeclaresThePortfolioOfTheShippedTemplatesEmpty() throws Exception {
    assertThat(load("afterhours {}").office().values()).containsExactly(Map.entry("portfolio", ""));
  }

  @Test
  void aValueMustBeTextInQuotesUnderAUsableName() {
    List<ConfigProblem> problems =
        problemsOf(
            """
            afterhours {
              values {
                phone = 0812345
                "my phone" = "0812"
                contact { phone = "0812" }
                open = true
              }
            }
            """);

    assertThat(problems)
        .extracting(ConfigProblem::toString)
        .containsExactly(
            dir.resolve("afterhours.conf")
                + ":3: values.phone: write the value in quotes (\"…\"): unquoted, it is read as the"
                + " number 812345",
            dir.resolve("afterhours.conf")
                + ":4: values.my phone: \"my phone\" is not a name a template can use: letters,"
                + " digits, - and _ only",
            dir.resolve("afterhours.conf")
                + ":5: values.contact: expected text in quotes, not a block",
            dir.resolve("afterhours.conf")
                + ":6: values.open: write the value in quotes (\"…\"): unquoted, it is read as true"
                + " or false");
  }

  @Test
  void reportsAMisspeltZoneARangeEndingAt25AndAMisspeltWeekdayEachWithItsLine() {
    List<ConfigProblem> problems =
        problemsOf(
            """
            afterhours {
              zone = "Asia/Jakrta"
              hours {
                monday = ["08:00-12:00", "13:00-25:00"]
                mondy = ["08:00-12:00"]
              }
            }
            """);

    assertThat(problems)
        .extracting(ConfigProblem::toString)
        .containsExactly(
            dir.resolve("afterhours.conf")
                + ":2: zone: \"Asia/Jakrta\" is not a time zone; did you mean \"Asia/Jakarta\"?",
            dir.resolve("afterhours.conf")
                + ":4: hours.monday[1]: \"13:00-25:00\" is not a time range like \"13:00-16:00\" (00:00 to 24:00)",
            dir.resolve("afterhours.conf")
                + ":5: hours.mondy: unknown key; did you mean \"monday\"?");
  }

  @Test
  void reportsUnknownKeysAtEveryLevelIncludingMailboxes() {
    List<ConfigProblem> problems =
        problemsOf(
            """
            afterhours {
              reply { min-intervall = 2h }
              colour = blue
              mailboxes = [ { address = "a@example.com", imap { host = "h", prot = 1 }, smtp { host = "h" } } ]
            }
            """);

    assertThat(problems)
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder("reply.min-intervall", "colour", "mailboxes[0].imap.prot");
  }

  @Test
  void reportsHoconSyntaxErrorsWithTheirLine() {
    List<ConfigProblem> problems = problemsOf("afterhours {\n  zone = \"UTC\"\n  hours {\n");

    assertThat(problems).singleElement().satisfies(p -> assertThat(p.line()).isPositive());
  }

  @Test
  void aMissingFileIsAProblemNotACrash() {
    assertThatThrownBy(() -> new SettingsLoader(CLOCK, dir).load(dir.resolve("nope.conf")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("no such config file");
  }

  @Test
  void readsHolidayDatesRangesAndYearlyDaysWithNames() throws Exception {
    Settings settings =
        load(
            """
            afterhours {
              zone = "Asia/Jakarta"
              hours { monday = ["08:00-16:00"], tuesday = ["08:00-16:00"], wednesday = ["08:00-16:00"], thursday = ["08:00-16:00"], friday = ["08:00-16:00"] }
              holidays.dates = [ "2026-12-24..2026-12-31 Libur akhir tahun", { date = "--06-01", name = "Hari Lahir Pancasila" }, "2026-11-30" ]
            }
            """);

    var schedule = settings.office().schedule();
    assertThat(schedule.closedWindowAt(jkt("2026-12-29T10:00")).orElseThrow().label())
        .isEqualTo("Libur akhir tahun");
    assertThat(schedule.closedWindowAt(jkt("2027-06-01T10:00")).orElseThrow().label())
        .isEqualTo("Hari Lahir Pancasila");
    assertThat(schedule.isOpenAt(jkt("2026-11-30T10:00"))).isFalse();
  }

  @Test
  void reportsBadHolidayDatesAwayPeriodsAndDurations() {
    List<ConfigProblem> problems =
        problemsOf(
            """
            afterhours {
              holidays.dates = [ "2026-13-01", "2026-12-31..2026-12-01" ]
              away = [ { from = "2026-12-20", until = "yesterday" } ]
              response-time = soon
            }
            """);

    assertThat(problems)
        .extracting(ConfigProblem::key)
        .containsExactly(
            "holidays.dates[0]", "holidays.dates[1]", "away[0].until", "response-time");
  }

  @Test
  void anAwayPeriodInDatesIncludesTheWholeLastDay() throws Exception {
    Settings settings =
        load(
            """
            afterhours {
              zone = "Asia/Jakarta"
              away = [ { from = "2026-12-21", until = "2027-01-01", note = "cuti" } ]
            }
            """);

    var window = settings.office().schedule().closedWindowAt(jkt("2026-12-28T10:00")).orElseThrow();
    assertThat(window.reason()).isEqualTo(ClosureReason.AWAY);
    assertThat(window.until()).isEqualTo(jkt("2027-01-04T09:00"));
    assertThat(window.away().orElseThrow().template()).isEqualTo("away");
  }

  @Test
  void readsPublicHolidaysFromJollydayWithTheirLocalNames() throws Exception {
    Settings settings =
        load(
            "afterhours { zone = \"Europe/Berlin\", language = \"de\", holidays.country = \"de\" }");

    var window =
        settings
            .office()
            .schedule()
            .closedWindowAt(OffsetDateTime.parse("2026-10-03T10:00+02:00").toInstant());
    // 3 October 2026 is a Saturday; Christmas Day 2026 is a Friday.
    var christmas =
        settings
            .office()
            .schedule()
            .closedWindowAt(OffsetDateTime.parse("2026-12-25T10:00+01:00").toInstant())
            .orElseThrow();
    assertThat(window).isPresent();
    assertThat(christmas.reason()).isEqualTo(ClosureReason.HOLIDAY);
    assertThat(christmas.label()).containsIgnoringCase("weihnacht");
  }

  @Test
  void anUnknownJollydayCountryPointsToDatesAndIcal() {
    assertThat(problemsOf("afterhours { holidays.country = \"id\" }"))
        .singleElement()
        .satisfies(
            p -> assertThat(p.message()).contains("holidays.dates").contains("holidays.ical"));
  }

  @Test
  void importsAllDayAndTimedEventsFromAnIcsFile() throws Exception {
    write(
        "libur.ics",
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//afterhours//test//EN
        BEGIN:VEVENT
        UID:1@test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20260331
        DTEND;VALUE=DATE:20260402
        SUMMARY:Idul Fitri
        END:VEVENT
        BEGIN:VEVENT
        UID:2@test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20260817
        RRULE:FREQ=YEARLY
        SUMMARY:Hari Kemerdekaan
        END:VEVENT
        BEGIN:VEVENT
        UID:3@test
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Asia/Jakarta:20261202T090000
        DTEND;TZID=Asia/Jakarta:20261202T110000
        SUMMARY:Workshop
        END:VEVENT
        END:VCALENDAR
        """
            .replace("\n", "\r\n"));
    Settings settings =
        load("afterhours { zone = \"Asia/Jakarta\", holidays.ical = [\"libur.ics\"] }");

    var schedule = settings.office().schedule();
    assertThat(schedule.closedWindowAt(jkt("2026-04-01T10:00")).orElseThrow().label())
        .isEqualTo("Idul Fitri");
    assertThat(schedule.isOpenAt(jkt("2026-04-02T10:00"))).isTrue();
    assertThat(schedule.closedWindowAt(jkt("2027-08-17T10:00")).orElseThrow().label())
        .isEqualTo("Hari Kemerdekaan");
    assertThat(schedule.isOpenAt(jkt("2026-12-02T10:00"))).isFalse();
    assertThat(schedule.isOpenAt(jkt("2026-12-02T11:00"))).isTrue();
  }

  @Test
  void aBrokenIcsFileIsReportedAtItsConfigLine() throws Exception {
    write("broken.ics", "BEGIN:VCALENDAR\r\nthis is not ical\r\n");
    assertThat(problemsOf("afterhours {\n  holidays.ical = [\"broken.ics\"]\n}"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.key()).isEqualTo("holidays.ical[0]");
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("broken.ics");
            });
  }

  @Test
  void environmentSubstitutionsThatAreUnsetAreLeftOut() throws Exception {
    Settings settings =
        load(
            """
            afterhours.mailboxes = [ { address = "me@example.com",
              imap { host = "imap.example.com", password = ${?AFTERHOURS_TEST_SURELY_UNSET} },
              smtp { host = "smtp.example.com" } } ]
            """);

    assertThat(settings.mailboxes().get(0).imap().password())
        .extracting(s -> s.reveal())
        .isEqualTo("");
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aMailboxMayOverrideTheOfficeHours() throws Exception {
    Settings settings =
        load(
            """
            afterhours {
              zone = "Asia/Jakarta"
              mailboxes = [ { address = "night@example.com", hours { saturday = ["10:00-12:00"] },
                imap { host = "h" }, smtp { host = "h" } } ]
            }
            """);

    var own = settings.mailboxes().get(0).office().schedule();
    assertThat(own.isOpenAt(jkt("2026-11-28T11:00"))).isTrue();
    assertThat(own.isOpenAt(jkt("2026-11-30T10:00"))).isTrue();
    assertThat(settings.office().schedule().isOpenAt(jkt("2026-11-28T11:00"))).isFalse();
  }

  @Test
  void aRetentionShorterThanThePerSenderLimitsIsAProblem() {
    assertThat(problemsOf("afterhours {\n  reply.once-per = 30d\n  store.retention = 7d\n}"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.key()).isEqualTo("store.retention");
              assertThat(p.line()).isEqualTo(3);
            });
  }

  @Test
  void aRetentionShorterThanTheHourOfMaxPerHourIsAProblemNamedInTheConfigsUnits() throws Exception {
    assertThat(
            problemsOf(
                "afterhours.reply { max-age = 30m, min-interval = 10m }\n"
                    + "afterhours.store.retention = 45m\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("(1h)"));
    assertThat(
            load("afterhours.reply { max-age = 30m, min-interval = 10m, max-per-hour = 0 }\n"
                    + "afterhours.store.retention = 45m\n")
                .office()
                .reply()
                .policy()
                .maxPerHour())
        .as("without an hourly limit, 45m of retention is enough")
        .isZero();
  }

  private Settings loadWith(Map<String, String> env, Map<String, String> properties, String text)
      throws Exception {
    return new SettingsLoader(CLOCK, dir, env, properties).load(write("afterhours.conf", text));
  }

  @Test
  void aSystemPropertyOverridesTheFileAndTheEnvironmentOverridesBoth() throws Exception {
    String file = "afterhours {\n  zone = \"Asia/Jakarta\"\n  poll-interval = 60s\n}\n";

    Settings byProperty = loadWith(Map.of(), Map.of("afterhours.zone", "Europe/Berlin"), file);
    assertThat(byProperty.office().schedule().zone().getId()).isEqualTo("Europe/Berlin");
    assertThat(byProperty.overrides())
        .containsExactly(
            new ConfigOverride("zone", "\"Europe/Berlin\"", "system property afterhours.zone"));

    Settings byBoth =
        loadWith(
            Map.of(
                "CONFIG_FORCE_afterhours_zone", "UTC",
                "CONFIG_FORCE_afterhours_poll__interval", "15s"),
            Map.of("afterhours.zone", "Europe/Berlin"),
            file);
    assertThat(byBoth.office().schedule().zone().getId()).isEqualTo("UTC");
    assertThat(byBoth.pollInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(byBoth.overrides())
        .extracting(ConfigOverride::source)
        .containsExactly(
            "environment variable CONFIG_FORCE_afterhours_poll__interval",
            "environment variable CONFIG_FORCE_afterhours_zone");

    assertThat(loadWith(Map.of(), Map.of(), file).overrides()).isEmpty();
    assertThat(
            loadWith(
                    Map.of(),
                    Map.of("afterhours.seed", "42", "afterhours.version", "1", "java.home", "/j"),
                    file)
                .overrides())
        .as("system properties that name no setting are someone else's")
        .isEmpty();
  }

  @Test
  void aListItemMayBeGivenAsANumberedSystemProperty() throws Exception {
    Settings settings =
        loadWith(Map.of(), Map.of("afterhours.hours.saturday.0", "10:00-12:00"), "afterhours {}");

    assertThat(settings.office().schedule().isOpenAt(Instant.parse("2026-11-28T11:00:00Z")))
        .isTrue();
  }

  @Test
  void environmentVariableNamesMapToPathsAsTypesafeConfigMapsThem() {
    assertThat(ConfigOverrides.pathOf("afterhours_zone")).contains("afterhours.zone");
    assertThat(ConfigOverrides.pathOf("afterhours_reply_max__age"))
        .contains("afterhours.reply.max-age");
    assertThat(ConfigOverrides.pathOf("a___b")).contains("a_b");
    assertThat(ConfigOverrides.pathOf("a____b")).isEmpty();
  }

  @Test
  void aBadOverrideIsReportedWithThePropertyOrVariableThatSetIt() {
    List<ConfigProblem> problems =
        catchThrowableOfType(
                InvalidConfigException.class,
                () ->
                    loadWith(
                        Map.of(
                            "CONFIG_FORCE_afterhours_reply_max__age", "soon",
                            "CONFIG_FORCE_afterhours____x", "1"),
                        Map.of("afterhours.zone", "Mars/Olympus"),
                        "afterhours {}\n"))
            .problems();

    assertThat(problems)
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "system property afterhours.zone: zone: \"Mars/Olympus\" is not a time zone (IANA"
                + " names look like \"Asia/Jakarta\" or \"Europe/Berlin\")",
            "environment variable CONFIG_FORCE_afterhours_reply_max__age: reply.max-age:"
                + " \"soon\" is not a duration like 90m, 4h or 3d",
            "environment variable CONFIG_FORCE_afterhours____x: names no setting: in a"
                + " CONFIG_FORCE_ variable _ stands for a dot, __ for a dash and ___ for an"
                + " underscore, e.g. CONFIG_FORCE_afterhours_poll__interval");
  }

  @Test
  void valuesFromTheFileStillNameTheirLineWhenOverridesAreGiven() {
    List<ConfigProblem> problems =
        catchThrowableOfType(
                InvalidConfigException.class,
                () ->
                    loadWith(
                        Map.of(),
                        Map.of("afterhours.zone", "UTC"),
                        "afterhours {\n  language = \"id\"\n  reply.max-age = soon\n}\n"))
            .problems();

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).endsWith("afterhours.conf");
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.key()).isEqualTo("reply.max-age");
            });
  }

  @Test
  void passwordSubstitutionsResolveFromTheGivenEnvironment() throws Exception {
    Settings settings =
        loadWith(
            Map.of("MY_IMAP_PASSWORD", "from-env"),
            Map.of(),
            """
            afterhours.mailboxes = [ { address = "me@example.com",
              imap { host = "imap.example.com", password = ${?MY_IMAP_PASSWORD} },
              smtp { host = "smtp.example.com" } } ]
            """);

    assertThat(settings.mailboxes().get(0).imap().password().reveal()).isEqualTo("from-env");
    assertThat(settings.serverProblems()).isEmpty();
  }

  @Test
  void anSmtpBlockWithoutAPasswordSendsWithoutLoggingIn() throws Exception {
    Settings settings =
        loadWith(
            Map.of("SMTP_PW", "s"),
            Map.of(),
            """
            afterhours.mailboxes = [
              { name = "relay", address = "me@example.com",
                imap { host = "imap.example.com", password = "i" },
                smtp { host = "smtp.example.com" } },
              { name = "submission", address = "you@example.com",
                imap { host = "imap.example.com", password = "i" },
                smtp { host = "smtp.example.com", password = ${?SMTP_PW} } },
              { name = "command", address = "us@example.com",
                imap { host = "imap.example.com", password = "i" },
                smtp { host = "smtp.example.com", user = "us", password-command = "echo s" } } ]
            """);

    assertThat(settings.mailboxes())
        .extracting(m -> m.smtp().user(), m -> m.smtp().logsIn())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("", false),
            org.assertj.core.groups.Tuple.tuple("you@example.com", true),
            org.assertj.core.groups.Tuple.tuple("us", true));
    assertThat(settings.mailboxes().get(0).imap().user()).isEqualTo("me@example.com");
    assertThat(settings.serverProblems()).isEmpty();
  }

  @Test
  void anSmtpUserWithoutAPasswordIsAProblemForTheCommandsThatConnect() throws Exception {
    Settings settings =
        loadWith(
            Map.of(),
            Map.of(),
            """
            afterhours.mailboxes = [ { address = "me@example.com",
              imap { host = "imap.example.com" },
              smtp { host = "smtp.example.com", user = "me" } } ]
            """);

    assertThat(settings.serverProblems())
        .extracting(ConfigProblem::key, ConfigProblem::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("mailboxes[0].imap.password", 2),
            org.assertj.core.groups.Tuple.tuple("mailboxes[0].smtp.user", 3));
    assertThat(settings.serverProblems().get(0).message())
        .contains("is missing: the IMAP server needs a login");
    assertThat(settings.serverProblems().get(1).message())
        .contains("no password is given")
        .contains("remove user to send without logging in");
    assertThatThrownBy(settings::requireServerSettings).isInstanceOf(InvalidConfigException.class);
  }

  @Test
  void firstStartIsABaselineUnlessTheConfigOrTheMailboxSaysAnswerSince() throws Exception {
    Settings settings =
        load(
            """
            afterhours {
              first-start = answer-since 2d
              mailboxes = [
                { name = "a", address = "a@example.com", imap { host = "h", password = "p" },
                  smtp { host = "h" } },
                { name = "b", address = "b@example.com", first-start = baseline,
                  imap { host = "h", password = "p" }, smtp { host = "h" } },
                { name = "c", address = "c@example.com", first-start = "answer-since 12h",
                  imap { host = "h", password = "p" }, smtp { host = "h" } } ]
            }
            """);

    assertThat(settings.mailboxes())
        .extracting(m -> m.firstStart().toString())
        .containsExactly("answer-since 2d", "baseline", "answer-since 12h");
    assertThat(
            load("afterhours.mailboxes = [ { address = \"a@example.com\", imap.host = h, smtp.host"
                    + " = h } ]")
                .mailboxes()
                .get(0)
                .firstStart())
        .isEqualTo(FirstStart.BASELINE);
    assertThat(problemsOf("afterhours {\n  first-start = answer-since yesterday\n}"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.key()).isEqualTo("first-start");
              assertThat(p.message()).contains("e.g. answer-since 2d");
            });
  }

  @Test
  void durationsInMessagesUseTheLargestWholeUnit() {
    assertThat(SettingsLoader.readable(java.time.Duration.ofDays(3))).isEqualTo("3d");
    assertThat(SettingsLoader.readable(java.time.Duration.ofHours(12))).isEqualTo("12h");
    assertThat(SettingsLoader.readable(java.time.Duration.ofMinutes(90))).isEqualTo("90m");
  }
}
