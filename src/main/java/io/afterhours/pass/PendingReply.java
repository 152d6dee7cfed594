package io.afterhours.pass;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * A reply about to be sent, recorded before SMTP so that a crash can leave at most this one reply
 * in doubt (DESIGN §6).
 *
 * @param mailbox the configured mailbox name
 * @param originalMessageId the Message-ID of the message answered (or the key the caller
 *     synthesized for a message without one); an opaque string here
 * @param folder the folder the original was found in
 * @param uid the original's UID in that folder
 * @param sender the original's sender address; stored lower-case, since senders are compared
 *     case-insensitively
 * @param recipient where the reply goes (the original's Return-Path, else Sender, else From)
 * @param replyMessageId the Message-ID of our reply
 * @param owner the lease the reply was recorded under: only the holder of a later lease may settle
 *     it
 * @param createdAt when the reply was decided on; kept to the millisecond
 * @param kind a reply to the sender, or the original redirected to a stand-in while the owner is
 *     away; only replies count for the policy's limits
 */
public record PendingReply(
    String mailbox,
    String originalMessageId,
    String folder,
    long uid,
    String sender,
    String recipient,
    String replyMessageId,
    String owner,
    Instant createdAt,
    Kind kind) {

  /** What is sent. */
  public enum Kind {
    REPLY,
    FORWARD
  }

  /** A reply to the sender. */
  public PendingReply(
      String mailbox,
      String originalMessageId,
      String folder,
      long uid,
      String sender,
      String recipient,
      String replyMessageId,
      String owner,
      Instant createdAt) {
    this(
        mailbox,
        originalMessageId,
        folder,
        uid,
        sender,
        recipient,
        replyMessageId,
        owner,
        createdAt,
        Kind.REPLY);
  }

  /** What a forward's key ends with, before the stand-in's address. */
  private static final String FORWARDED_TO = " forwarded to ";

  /** The pending record of {@code original}'s redirect to {@code standIn}: one per pair, ever. */
  public static PendingReply forward(
      String mailbox,
      String original,
      String folder,
      long uid,
      String standIn,
      String resentMessageId,
      String owner,
      Instant at) {
    return new PendingReply(
        mailbox,
        original + FORWARDED_TO + standIn.toLowerCase(Locale.ROOT),
        folder,
        uid,
        standIn,
        standIn,
        resentMessageId,
        owner,
        at,
        Kind.FORWARD);
  }

  /** For a forward: the key of the message it redirects; for a reply, its own key. */
  public String forwardOf() {
    int at = originalMessageId.lastIndexOf(FORWARDED_TO);
    return kind == Kind.FORWARD && at > 0 ? originalMessageId.substring(0, at) : originalMessageId;
  }

  public PendingReply {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(originalMessageId, "originalMessageId");
    Objects.requireNonNull(folder, "folder");
    sender = Objects.requireNonNull(sender, "sender").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(replyMessageId, "replyMessageId");
    Objects.requireNonNull(owner, "owner");
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(kind, "kind");
  }
}
