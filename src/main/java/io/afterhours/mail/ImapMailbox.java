package io.afterhours.mail;

import io.afterhours.pass.FetchedMessage;
import io.afterhours.pass.FolderSnapshot;
import io.afterhours.pass.MailServerException;
import io.afterhours.pass.MessageSource;
import io.afterhours.pass.MissingFolderException;
import io.afterhours.pass.Redirect;
import io.afterhours.pass.SentBatch;
import io.afterhours.reply.OutgoingReply;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured mailbox on an IMAP server. The connection is kept between passes and made again
 * when the server has closed it; retrying with backoff is the caller's business.
 *
 * <p>The user's mail is never changed: folders are opened READ_ONLY (IMAP EXAMINE) and only headers
 * are fetched, with BODY.PEEK, so no flag such as \Seen is ever set. The only write is {@link
 * #appendToSent}, which adds our own reply to the Sent folder.
 *
 * <p>Not thread-safe beyond its own methods, which are synchronized: one pass at a time.
 */
public final class ImapMailbox implements MessageSource {
  private static final Logger LOG = LoggerFactory.getLogger(ImapMailbox.class);
  static final int BATCH_SIZE = 500;

  private final String name;
  private final ServerSettings settings;
  private final Session session;
  private final Clock clock;
  private final SentFolderFinder sentFolders = new SentFolderFinder();
  private final ReplyMessageBuilder replies;
  private Store store;
  private String sentFolder;
  private Folder sentFolderObject;

  /**
   * @param name the configured mailbox name, for log lines
   * @param clock stands in for the arrival time only if a server sends no INTERNALDATE
   * @throws InsecureConnectionException when security is none for a host off the loopback
   */
  public ImapMailbox(String name, ServerSettings settings, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.session = MailSessions.imap(name, settings);
    // The copy is built as the reply was: ASCII headers, or raw UTF-8 for a UTF-8 local part.
    this.replies = new ReplyMessageBuilder(MailSessions.offline(false), MailSessions.offline(true));
  }

  /**
   * The folder's state and its messages with a UID above {@code afterUid}, headers only.
   *
   * <p>UIDs are only comparable within one UIDVALIDITY: when the folder's UIDVALIDITY is not {@code
   * uidValidity} (the first pass, or the server renumbered the folder), no message is read and the
   * snapshot carries the new UIDVALIDITY and UIDNEXT for a fresh baseline (DESIGN.md §6). A message
   * whose headers cannot be parsed is still returned, with what could be read.
   */
  @Override
  public synchronized FolderSnapshot fetchNew(
      String folderName, long uidValidity, long afterUid, int limit) throws MailServerException {
    try {
      return readNew(folderName, uidValidity, afterUid, limit);
    } catch (MessagingException | RuntimeException e) {
      throw failure("read folder " + folderName, e);
    }
  }

  private FolderSnapshot readNew(String folderName, long uidValidity, long afterUid, int limit)
      throws MessagingException, MissingFolderException {
    IMAPFolder folder = openReadOnly(folderName);
    try {
      long currentValidity = folder.getUIDValidity();
      long uidNext = uidNext(folder);
      if (currentValidity != uidValidity || uidNext <= afterUid + 1) {
        LOG.debug(
            "mailbox={} folder={} uidvalidity={} uidnext={} nothing to fetch after uid {}",
            name,
            folderName,
            currentValidity,
            uidNext,
            afterUid);
        return new FolderSnapshot(currentValidity, uidNext, List.of());
      }
      List<Message> after = messagesAfter(folder, afterUid);
      List<FetchedMessage> fetched =
          readInBatches(folder, after.subList(0, Math.min(limit, after.size())));
      LOG.debug(
          "mailbox={} folder={} uidvalidity={} uidnext={} fetched {} after uid {}",
          name,
          folderName,
          currentValidity,
          uidNext,
          fetched.size(),
          afterUid);
      return new FolderSnapshot(currentValidity, Math.max(uidNext, lastUid(fetched) + 1), fetched);
    } finally {
      closeQuietly(folder);
    }
  }

  /**
   * The folder's state and its messages that arrived at or after {@code since}, headers only, in
   * UID order: for re-reading a renumbered folder without fetching the headers of all its mail.
   *
   * <p>The server is asked with IMAP {@code SEARCH SINCE}, which compares whole days in the
   * server's own time zone, so the search starts a day early and the exact instant is applied to
   * the INTERNALDATE of what it finds.
   */
  @Override
  public synchronized FolderSnapshot fetchArrivedSince(String folderName, Instant since)
      throws MailServerException {
    try {
      return readArrivedSince(folderName, since);
    } catch (MessagingException | RuntimeException e) {
      throw failure("read folder " + folderName, e);
    }
  }

  private FolderSnapshot readArrivedSince(String folderName, Instant since)
      throws MessagingException, MissingFolderException {
    IMAPFolder folder = openReadOnly(folderName);
    try {
      long validity = folder.getUIDValidity();
      long uidNext = uidNext(folder);
      Date dayBefore = Date.from(since.minus(Duration.ofDays(1)));
      Message[] found = folder.search(new ReceivedDateTerm(ComparisonTerm.GE, dayBefore));
      // INTERNALDATE first, cheap for a day of mail; the headers only of what arrived since.
      FetchProfile dates = new FetchProfile();
      dates.add(UIDFolder.FetchProfileItem.UID);
      dates.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
      folder.fetch(found, dates);
      List<Message> candidates = new ArrayList<>();
      for (Message message : found) {
        Date received = message.getReceivedDate();
        if (received == null || !received.toInstant().isBefore(since)) {
          candidates.add(message);
        }
      }
      candidates.sort(Comparator.comparingLong(m -> uidOf(folder, m)));
      List<FetchedMessage> fetched =
          readInBatches(folder, candidates).stream()
              .filter(m -> !m.facts().arrival().isBefore(since))
              .toList();
      LOG.debug(
          "mailbox={} folder={} uidvalidity={} uidnext={} {} message(s) arrived since {}",
          name,
          folderName,
          validity,
          uidNext,
          fetched.size(),
          since);
      return new FolderSnapshot(validity, Math.max(uidNext, lastUid(fetched) + 1), fetched);
    } finally {
      closeQuietly(folder);
    }
  }

  /**
   * Whom the owner's sent mail went to, a few header fields per message, for {@code reply.only-to =
   * correspondents} ({@link SentRecipients}).
   */
  @Override
  public synchronized SentBatch fetchSentRecipients(
      String folderName, long uidValidity, long afterUid, int limit, int history)
      throws MailServerException {
    try {
      IMAPFolder folder = openReadOnly(folderName);
      try {
        return SentRecipients.read(
            folder, uidValidity, afterUid, limit, history, uidNext(folder), clock.instant());
      } finally {
        closeQuietly(folder);
      }
    } catch (MessagingException | RuntimeException e) {
      throw failure("read the recipients of sent mail in " + folderName, e);
    }
  }

  /** The folder where sent mail goes: SPECIAL-USE \\Sent, else a folder with a usual name. */
  @Override
  public synchronized Optional<String> sentFolder() throws MailServerException {
    try {
      return findSentFolder();
    } catch (MessagingException | RuntimeException e) {
      throw failure("look for the Sent folder", e);
    }
  }

  private Optional<String> findSentFolder() throws MessagingException {
    if (sentFolder == null) {
      sentFolder = sentFolders.find(connectedStore()).orElse(null);
      LOG.debug("mailbox={} sent folder is {}", name, sentFolder);
    }
    return Optional.ofNullable(sentFolder);
  }

  /**
   * Appends our reply, built exactly as it was sent, to the Sent folder, marked \\Seen so that it
   * does not show up as new mail.
   *
   * @return false when the mailbox has no Sent folder (logged), true when appended
   */
  @Override
  public synchronized boolean copyToSent(OutgoingReply reply) throws MailServerException {
    try {
      return append(reply.messageId(), replies.build(reply));
    } catch (MessagingException | RuntimeException e) {
      throw failure("copy " + reply.messageId() + " to the Sent folder", e);
    }
  }

  /** Appends a message redirected to a stand-in, as it was sent, to the Sent folder. */
  @Override
  public synchronized boolean copyToSent(Redirect redirect) throws MailServerException {
    try {
      return append(redirect.resentMessageId(), RedirectMessages.build(session, redirect));
    } catch (MessagingException | RuntimeException e) {
      throw failure("copy " + redirect.resentMessageId() + " to the Sent folder", e);
    }
  }

  /**
   * Appends every copy with one MULTIAPPEND (RFC 3502) where the server has it, else one APPEND
   * each. Dovecot takes 50 messages in one command in about the time of five single APPENDs (each
   * of which is a transaction of its own, written to disk).
   */
  @Override
  public synchronized boolean copyAllToSent(
      List<OutgoingReply> sentReplies, List<Redirect> sentRedirects) throws MailServerException {
    if (sentReplies.size() + sentRedirects.size() <= 1) {
      return MessageSource.super.copyAllToSent(sentReplies, sentRedirects);
    }
    try {
      List<MimeMessage> messages = new ArrayList<>();
      for (OutgoingReply reply : sentReplies) {
        messages.add(replies.build(reply));
      }
      for (Redirect redirect : sentRedirects) {
        messages.add(RedirectMessages.build(session, redirect));
      }
      Optional<String> sent = findSentFolder();
      if (sent.isEmpty()) {
        LOG.warn(
            "mailbox={} has no Sent folder; the copies of {} sent messages are not kept",
            name,
            messages.size());
        return false;
      }
      IMAPFolder folder = (IMAPFolder) sentFolderFor(sent.get());
      if (((IMAPStore) folder.getStore()).hasCapability("MULTIAPPEND")) {
        multiAppend(folder, messages);
      } else {
        for (MimeMessage message : messages) {
          message.setFlag(Flags.Flag.SEEN, true);
        }
        folder.appendMessages(messages.toArray(Message[]::new));
      }
      LOG.debug("mailbox={} appended {} messages to {}", name, messages.size(), sent.get());
      return true;
    } catch (MessagingException | IOException | RuntimeException e) {
      throw failure("copy " + (sentReplies.size() + sentRedirects.size()) + " messages to Sent", e);
    }
  }

  /** {@code APPEND folder (\Seen) {n} … (\Seen) {m} …}: one command, one transaction. */
  private static void multiAppend(IMAPFolder folder, List<MimeMessage> messages)
      throws MessagingException, IOException {
    List<ByteArrayOutputStream> literals = new ArrayList<>();
    for (MimeMessage message : messages) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (CRLFOutputStream crlf = new CRLFOutputStream(bytes)) {
        message.writeTo(crlf);
      }
      literals.add(bytes);
    }
    String name = folder.getFullName();
    folder.doCommand(
        protocol -> {
          Argument args = new Argument();
          if (protocol.supportsUtf8()) {
            args.writeString(name, StandardCharsets.UTF_8);
          } else {
            args.writeString(BASE64MailboxEncoder.encode(name));
          }
          for (ByteArrayOutputStream literal : literals) {
            args.writeArgument(new Argument().writeAtom("\\Seen"));
            args.writeBytes(literal);
          }
          Response[] responses = protocol.command("APPEND", args);
          protocol.notifyResponseHandlers(responses);
          protocol.handleResult(responses[responses.length - 1]);
          return null;
        });
  }

  private boolean append(String id, MimeMessage message) throws MessagingException {
    Optional<String> sent = findSentFolder();
    if (sent.isEmpty()) {
      LOG.warn("mailbox={} has no Sent folder; the copy of {} is not kept", name, id);
      return false;
    }
    message.setFlag(Flags.Flag.SEEN, true);
    sentFolderFor(sent.get()).appendMessages(new Message[] {message});
    LOG.debug("mailbox={} appended {} to {}", name, id, sent.get());
    return true;
  }

  /** The whole message, read with BODY.PEEK (the folder is opened read-only). */
  @Override
  public synchronized byte[] fetchRaw(String folderName, long uid) throws MailServerException {
    try {
      IMAPFolder folder = openReadOnly(folderName);
      try {
        Message message = folder.getMessageByUID(uid);
        if (message == null) {
          throw new MailServerException(
              "message uid "
                  + uid
                  + " is no longer in "
                  + folderName
                  + " on "
                  + settings.endpoint());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
      } finally {
        closeQuietly(folder);
      }
    } catch (MessagingException | java.io.IOException | RuntimeException e) {
      throw failure("read message uid " + uid + " of " + folderName, e);
    }
  }

  /**
   * The Sent folder's object, kept while the connection lasts: a new one would ask the server
   * whether the folder exists (a LIST) before every APPEND.
   */
  private Folder sentFolderFor(String name) throws MessagingException {
    Store connected = connectedStore();
    if (sentFolderObject == null || !sentFolderObject.getFullName().equals(name)) {
      sentFolderObject = connected.getFolder(name);
    }
    return sentFolderObject;
  }

  /**
   * Whether {@code folderName} holds a message with this Message-ID (IMAP SEARCH HEADER), to settle
   * a reply left pending by a crash: found in Sent means it was sent.
   */
  @Override
  public synchronized boolean holdsMessageId(String folderName, String messageId)
      throws MailServerException {
    try {
      Folder folder = connectedStore().getFolder(folderName);
      if (!folder.exists()) {
        return false;
      }
      folder.open(Folder.READ_ONLY);
      try {
        // SEARCH HEADER matches substrings; compare the whole id on what the server found.
        for (String field : List.of("Message-ID", "Resent-Message-ID")) {
          for (Message candidate : folder.search(new HeaderTerm(field, messageId))) {
            String[] ids = candidate.getHeader(field);
            if (ids != null && Arrays.stream(ids).anyMatch(id -> id.trim().equals(messageId))) {
              return true;
            }
          }
        }
        return false;
      } finally {
        closeQuietly(folder);
      }
    } catch (MessagingException | RuntimeException e) {
      throw failure("look for " + messageId + " in " + folderName, e);
    }
  }

  /**
   * A failure of the server or the connection, in words that name the mailbox and the server: what
   * is wrong and what to do when it is a known connection problem ({@link ConnectionProblem}), else
   * what could not be done.
   */
  private MailServerException failure(String what, Exception e) {
    return new MailServerException(
        ConnectionProblem.of(e, "IMAP", settings)
            .map(p -> p.sentence(name, "IMAP", settings))
            .orElseGet(
                () ->
                    "cannot "
                        + what
                        + " on IMAP server "
                        + settings.endpoint()
                        + ": "
                        + e.getMessage()),
        e);
  }

  @Override
  public synchronized void close() {
    if (store != null) {
      try {
        store.close();
      } catch (MessagingException e) {
        LOG.debug("mailbox={} closing the IMAP connection: {}", name, e.toString());
      }
      store = null;
    }
  }

  private Store connectedStore() throws MessagingException {
    if (store != null && store.isConnected()) {
      return store;
    }
    close();
    Store fresh = session.getStore(MailSessions.protocol("imap", settings.security()));
    LOG.debug("mailbox={} connecting to {} as {}", name, settings.endpoint(), settings.user());
    fresh.connect(settings.host(), settings.port(), settings.user(), settings.password().reveal());
    store = fresh;
    sentFolder = null;
    sentFolderObject = null;
    return store;
  }

  /**
   * Opens a folder read-only (IMAP EXAMINE).
   *
   * @throws MissingFolderException when the server has no such folder, naming the ones it has
   */
  private IMAPFolder openReadOnly(String folderName)
      throws MessagingException, MissingFolderException {
    IMAPFolder folder = (IMAPFolder) connectedStore().getFolder(folderName);
    try {
      folder.open(Folder.READ_ONLY);
    } catch (FolderNotFoundException e) {
      List<String> existing = new ArrayList<>();
      for (Folder f : connectedStore().getDefaultFolder().list("*")) {
        existing.add(f.getFullName());
      }
      throw new MissingFolderException(folderName, settings.endpoint(), existing);
    }
    return folder;
  }

  private List<Message> messagesAfter(IMAPFolder folder, long afterUid) throws MessagingException {
    // "UID FETCH n:*" also returns the last message when every UID is below n: filter it out.
    List<Message> fresh = new ArrayList<>();
    for (Message message : folder.getMessagesByUID(afterUid + 1, UIDFolder.MAXUID)) {
      if (message != null && folder.getUID(message) > afterUid) {
        fresh.add(message);
      }
    }
    fresh.sort(Comparator.comparingLong(m -> uidOf(folder, m)));
    return fresh;
  }

  /** Headers and INTERNALDATE of {@code messages}, {@link #BATCH_SIZE} per FETCH, in order. */
  private List<FetchedMessage> readInBatches(IMAPFolder folder, List<Message> messages)
      throws MessagingException {
    List<FetchedMessage> fetched = new ArrayList<>();
    for (int from = 0; from < messages.size(); from += BATCH_SIZE) {
      fetched.addAll(
          readBatch(folder, messages.subList(from, Math.min(from + BATCH_SIZE, messages.size()))));
    }
    return fetched;
  }

  private List<FetchedMessage> readBatch(IMAPFolder folder, List<Message> batch)
      throws MessagingException {
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(IMAPFolder.FetchProfileItem.HEADERS);
    profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    Message[] messages = batch.toArray(new Message[0]);
    folder.fetch(messages, profile);
    List<FetchedMessage> read = new ArrayList<>();
    for (Message message : messages) {
      long uid = folder.getUID(message);
      read.add(new FetchedMessage(uid, MessageFactsReader.read(message, arrivalOf(message, uid))));
    }
    return read;
  }

  private Instant arrivalOf(Message message, long uid) {
    try {
      if (message.getReceivedDate() != null) {
        return message.getReceivedDate().toInstant();
      }
    } catch (MessagingException e) {
      LOG.debug("mailbox={} uid={} INTERNALDATE unreadable: {}", name, uid, e.toString());
    }
    LOG.warn("mailbox={} uid={} has no INTERNALDATE; using the time of this pass", name, uid);
    return clock.instant();
  }

  private static long uidNext(IMAPFolder folder) throws MessagingException {
    long uidNext = folder.getUIDNext();
    if (uidNext > 0) {
      return uidNext;
    }
    // The server did not announce UIDNEXT: one past the last message's UID is a safe bound.
    int count = folder.getMessageCount();
    return count == 0 ? 1 : folder.getUID(folder.getMessage(count)) + 1;
  }

  private static long uidOf(IMAPFolder folder, Message message) {
    try {
      return folder.getUID(message);
    } catch (MessagingException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long lastUid(List<FetchedMessage> fetched) {
    return fetched.isEmpty() ? 0 : fetched.get(fetched.size() - 1).uid();
  }

  private void closeQuietly(Folder folder) {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      LOG.debug("mailbox={} closing folder {}: {}", name, folder.getFullName(), e.toString());
    }
  }
}
