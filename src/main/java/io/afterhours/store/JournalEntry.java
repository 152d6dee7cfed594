package io.afterhours.store;

import io.afterhours.pass.DecisionRecord;
import io.afterhours.pass.Outcomes;
import io.afterhours.pass.PendingReply;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One commit of the ledger, as the {@link ReplyJournal} keeps it: what was written ({@code
 * outcomes}), and the reply claimed in the same commit, if any. Replaying it on tables that lack it
 * redoes that commit.
 *
 * @param seq the commit's place in its journal, from 1
 * @param outcomes the decisions, sent and unsent replies and planned forwards the commit wrote
 * @param claimed the reply (or planned forward) the commit recorded as pending
 */
record JournalEntry(long seq, Outcomes outcomes, Optional<PendingReply> claimed) {
  /** The layout of {@link #encode}'s bytes; a journal of another layout is refused by name. */
  static final int FORMAT = 1;

  JournalEntry {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(claimed, "claimed");
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(seq);
      out.writeInt(outcomes.decisions().size());
      for (DecisionRecord decision : outcomes.decisions()) {
        writeDecision(out, decision);
      }
      out.writeInt(outcomes.sent().size());
      for (Outcomes.SentReply sent : outcomes.sent()) {
        writeReply(out, sent.reply());
        out.writeLong(sent.at().toEpochMilli());
      }
      writeReplies(out, outcomes.notSent());
      writeReplies(out, outcomes.planned());
      out.writeBoolean(claimed.isPresent());
      if (claimed.isPresent()) {
        writeReply(out, claimed.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws IOException when the bytes are of another format or cut short
   */
  static JournalEntry decode(DataInputStream in) throws IOException {
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("entry of format " + format + ", this afterhours reads " + FORMAT);
    }
    long seq = in.readLong();
    List<DecisionRecord> decisions = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      decisions.add(readDecision(in));
    }
    List<Outcomes.SentReply> sent = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      sent.add(new Outcomes.SentReply(readReply(in), Instant.ofEpochMilli(in.readLong())));
    }
    List<PendingReply> notSent = readReplies(in);
    List<PendingReply> planned = readReplies(in);
    Optional<PendingReply> claimed =
        in.readBoolean() ? Optional.of(readReply(in)) : Optional.empty();
    return new JournalEntry(seq, new Outcomes(decisions, sent, notSent, planned), claimed);
  }

  private static void writeDecision(DataOutputStream out, DecisionRecord d) throws IOException {
    out.writeLong(d.at().toEpochMilli());
    writeString(out, d.mailbox());
    writeString(out, d.folder());
    out.writeLong(d.uid());
    writeString(out, d.messageId());
    writeString(out, d.from());
    writeString(out, d.decision().code());
    writeString(out, d.reason());
    writeString(out, d.detail());
    writeOptional(out, d.replyTo());
    writeOptional(out, d.replyMessageId());
    out.writeBoolean(d.retried());
  }

  private static DecisionRecord readDecision(DataInputStream in) throws IOException {
    return new DecisionRecord(
        Instant.ofEpochMilli(in.readLong()),
        readString(in),
        readString(in),
        in.readLong(),
        readString(in),
        readString(in),
        DecisionRecord.Outcome.ofCode(readString(in)),
        readString(in),
        readString(in),
        readOptional(in),
        readOptional(in),
        in.readBoolean());
  }

  private static void writeReplies(DataOutputStream out, List<PendingReply> replies)
      throws IOException {
    out.writeInt(replies.size());
    for (PendingReply reply : replies) {
      writeReply(out, reply);
    }
  }

  private static List<PendingReply> readReplies(DataInputStream in) throws IOException {
    List<PendingReply> replies = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      replies.add(readReply(in));
    }
    return replies;
  }

  private static void writeReply(DataOutputStream out, PendingReply r) throws IOException {
    writeString(out, r.mailbox());
    writeString(out, r.originalMessageId());
    writeString(out, r.folder());
    out.writeLong(r.uid());
    writeString(out, r.sender());
    writeString(out, r.recipient());
    writeString(out, r.replyMessageId());
    writeString(out, r.owner());
    out.writeLong(r.createdAt().toEpochMilli());
    writeString(out, r.kind().name());
  }

  private static PendingReply readReply(DataInputStream in) throws IOException {
    return new PendingReply(
        readString(in),
        readString(in),
        readString(in),
        in.readLong(),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        Instant.ofEpochMilli(in.readLong()),
        PendingReply.Kind.valueOf(readString(in)));
  }

  private static void writeOptional(DataOutputStream out, Optional<String> value)
      throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      writeString(out, value.get());
    }
  }

  private static Optional<String> readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
  }

  /** Length and UTF-8 bytes: unlike {@code writeUTF}, not limited to 64 KB. */
  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a string of " + length + " bytes in an entry cut short");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
