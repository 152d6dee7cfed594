package io.afterhours.daemon;

import io.afterhours.config.MailboxSettings;
import io.afterhours.config.Settings;
import io.afterhours.mail.ImapMailbox;
import io.afterhours.mail.SmtpReplySender;
import io.afterhours.reply.MessageIdGenerator;
import io.afterhours.reply.RandomMessageIds;
import io.afterhours.reply.TemplateCatalog;
import io.afterhours.reply.TemplateProblem;
import io.afterhours.responder.Responder;
import io.afterhours.responder.TemplateFiles;
import io.afterhours.store.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the running parts together by plain constructors: the store, and for each mailbox its
 * templates, responder, IMAP and SMTP adapters and worker.
 */
public final class Mailboxes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);

  private final Store store;
  private final List<MailboxWorker> workers;
  private final Metrics metrics;

  private Mailboxes(Store store, List<MailboxWorker> workers, Metrics metrics) {
    this.store = store;
    this.workers = List.copyOf(workers);
    this.metrics = metrics;
  }

  /** Thrown when a template cannot serve every situation; nothing is started. */
  public static final class TemplatesInvalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    TemplatesInvalid(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public static Mailboxes open(Settings settings, Clock clock, boolean dryRun)
      throws TemplatesInvalid {
    return open(settings, clock, dryRun, new RandomMessageIds());
  }

  static Mailboxes open(
      Settings settings, Clock clock, boolean dryRun, MessageIdGenerator messageIds)
      throws TemplatesInvalid {
    List<String> problems = new ArrayList<>();
    List<TemplateCatalog> catalogs = new ArrayList<>();
    for (MailboxSettings mailbox : settings.mailboxes()) {
      try {
        TemplateCatalog catalog = TemplateFiles.load(mailbox.office());
        TemplateFiles.check(catalog, mailbox.office()).stream()
            .map(TemplateProblem::toString)
            .forEach(problems::add);
        catalogs.add(catalog);
      } catch (IOException e) {
        problems.add("mailbox " + mailbox.name() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new TemplatesInvalid(problems.stream().distinct().toList());
    }
    Store store = Store.open(settings.store(), clock);
    Metrics metrics = new Metrics();
    List<MailboxWorker> workers = new ArrayList<>();
    for (int i = 0; i < settings.mailboxes().size(); i++) {
      MailboxSettings mailbox = settings.mailboxes().get(i);
      Responder responder =
          new Responder(
              mailbox.identity(), mailbox.office(), catalogs.get(i), store.replies(), messageIds);
      workers.add(
          new MailboxWorker(
              mailbox,
              responder,
              store,
              new ImapMailbox(mailbox.name(), mailbox.imap(), clock),
              new SmtpReplySender(mailbox.name(), mailbox.smtp(), mailbox.envelopeSender()),
              clock,
              settings.retention(),
              dryRun,
              metrics));
    }
    return new Mailboxes(store, workers, metrics);
  }

  public List<MailboxWorker> workers() {
    return workers;
  }

  public Metrics metrics() {
    return metrics;
  }

  public Store store() {
    return store;
  }

  /**
   * One pass over every mailbox, one after the other.
   *
   * @return true when every mailbox was read; a failing mailbox is logged and the others go on
   */
  public boolean passOnce(Optional<Instant> now) {
    boolean allGood = true;
    for (MailboxWorker worker : workers) {
      try {
        PassSummary summary = worker.pass(now);
        LOG.info("mailbox={} pass done: {}", worker.name(), summary);
        allGood &= summary.failed() == 0 && worker.missingFolders().isEmpty();
      } catch (Exception e) {
        LOG.error("mailbox={} pass failed: {}", worker.name(), e.getMessage());
        LOG.debug("mailbox={} pass failure", worker.name(), e);
        worker.close();
        allGood = false;
      }
    }
    return allGood;
  }

  public void stopAll() {
    workers.forEach(MailboxWorker::stop);
  }

  @Override
  public void close() {
    workers.forEach(MailboxWorker::close);
    store.close();
  }
}
