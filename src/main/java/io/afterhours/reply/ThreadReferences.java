package io.afterhours.reply;

import io.afterhours.policy.MessageFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The References of a reply (RFC 5322 §3.6.4): the original's References, or its single In-Reply-To
 * when it has none, then its Message-ID. Long threads are trimmed to the first id (the thread's
 * root, which clients use to thread) and the most recent ones, so that the header stays short.
 */
final class ThreadReferences {
  private ThreadReferences() {}

  static List<String> of(MessageFacts original, int max) {
    List<String> ids = new ArrayList<>();
    List<String> parents =
        !original.references().isEmpty()
            ? original.references()
            : original.inReplyTo().size() == 1 ? original.inReplyTo() : List.of();
    parents.forEach(id -> add(ids, id));
    add(ids, original.messageId());
    if (ids.size() <= max) {
      return List.copyOf(ids);
    }
    List<String> trimmed = new ArrayList<>();
    trimmed.add(ids.get(0));
    trimmed.addAll(ids.subList(ids.size() - (max - 1), ids.size()));
    return List.copyOf(trimmed);
  }

  private static void add(List<String> ids, String id) {
    String clean = HeaderText.clean(id).replace(" ", "");
    if (!clean.isEmpty() && !ids.contains(clean)) {
      ids.add(clean);
    }
  }
}
