package io.afterhours.bench;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.config.SettingsLoader;
import io.afterhours.mail.MessageFactsReader;
import io.afterhours.policy.Decision;
import io.afterhours.policy.MessageFacts;
import io.afterhours.policy.ReplyHistory;
import io.afterhours.reply.RandomMessageIds;
import io.afterhours.responder.Responder;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.schedule.Schedule;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message work of a pass, without I/O: schedule questions, the policy's decision and the
 * rendering of a reply, with the sample config. Run with {@code scripts/benchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponderBenchmark {
  private static final Instant SATURDAY_NIGHT =
      OffsetDateTime.parse("2026-11-28T21:00+07:00").toInstant();

  private Schedule schedule;
  private Responder responder;
  private MessageFacts client;
  private MessageFacts list;
  private MimeMessage fetched;
  private Instant[] instants;
  private int next;

  @Setup
  public void setUp() throws Exception {
    Settings settings =
        new SettingsLoader(Clock.systemUTC()).load(Path.of("config", "afterhours.conf"));
    MailboxSettings mailbox = settings.mailboxes().get(0);
    schedule = mailbox.office().schedule();
    responder =
        new Responder(
            mailbox.identity(),
            mailbox.office(),
            TemplateFiles.load(mailbox.office()),
            ReplyHistory.none(),
            new RandomMessageIds());
    client =
        MessageFactsReader.fromFields(
            "Budi <budi@example.org>", "me@example.com", "Revisi logo", List.of(), SATURDAY_NIGHT);
    list =
        MessageFactsReader.fromFields(
            "news@lists.example.org",
            "me@example.com",
            "Digest",
            List.of("List-Id: <news.lists.example.org>"),
            SATURDAY_NIGHT);
    fetched =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(
                String.join(
                        "\r\n",
                        "Return-Path: <budi@example.org>",
                        "Received: from mx.example.org by imap.example.com; Sat, 28 Nov 2026 21:00:00 +0700",
                        "From: =?UTF-8?Q?Budi_Santoso?= <budi@example.org>",
                        "To: Studio <me@example.com>, other@example.net",
                        "Cc: team@example.org",
                        "Subject: =?UTF-8?B?UmV2aXNpIGxvZ28g4oCUIGZpbmFs?=",
                        "Date: Sat, 28 Nov 2026 21:00:00 +0700",
                        "Message-ID: <abc123@example.org>",
                        "In-Reply-To: <prev1@example.com>",
                        "References: <prev0@example.com> <prev1@example.com>",
                        "MIME-Version: 1.0",
                        "Content-Type: text/plain; charset=UTF-8",
                        "",
                        "")
                    .getBytes(StandardCharsets.UTF_8)));
    SplittableRandom random = new SplittableRandom(42);
    instants = new Instant[1024];
    for (int i = 0; i < instants.length; i++) {
      instants[i] = SATURDAY_NIGHT.plusSeconds(random.nextLong(366L * 24 * 3600));
    }
  }

  private Instant nextInstant() {
    next = (next + 1) & (instants.length - 1);
    return instants[next];
  }

  @Benchmark
  public Instant nextOpeningAtARandomInstant() {
    return schedule.nextOpeningAt(nextInstant());
  }

  @Benchmark
  public Instant respondByFourWorkingHours() {
    return schedule.respondBy(nextInstant(), Duration.ofHours(4));
  }

  @Benchmark
  public Object closedWindowAtARandomInstant() {
    return schedule.closedWindowAt(nextInstant());
  }

  @Benchmark
  public Decision decideASkip() {
    return responder.decide(list, SATURDAY_NIGHT.plusSeconds(600));
  }

  @Benchmark
  public Object decideAndComposeAReply() {
    Decision decision = responder.decide(client, SATURDAY_NIGHT.plusSeconds(600));
    return responder.compose(client, (Decision.Reply) decision, SATURDAY_NIGHT.plusSeconds(600));
  }

  /** What a pass does per fetched message: the header block into facts. */
  @Benchmark
  public MessageFacts readHeadersIntoFacts() {
    return MessageFactsReader.read(fetched, SATURDAY_NIGHT);
  }
}
