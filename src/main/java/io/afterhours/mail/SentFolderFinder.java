package io.afterhours.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Finds the folder where the user's mail client keeps sent mail: the one marked {@code \Sent} (RFC
 * 6154 SPECIAL-USE), else the first folder with one of the names clients commonly use.
 */
final class SentFolderFinder {
  static final List<String> COMMON_NAMES =
      List.of("Sent", "Sent Items", "Sent Messages", "INBOX.Sent", "INBOX/Sent", "Sent Mail");

  Optional<String> find(Store store) throws MessagingException {
    Folder[] all = store.getDefaultFolder().list("*");
    for (Folder folder : all) {
      if (folder instanceof IMAPFolder imap
          && Arrays.stream(imap.getAttributes()).anyMatch(a -> a.equalsIgnoreCase("\\Sent"))) {
        return Optional.of(folder.getFullName());
      }
    }
    for (String name : COMMON_NAMES) {
      for (Folder folder : all) {
        if (folder.getFullName().equalsIgnoreCase(name)) {
          return Optional.of(folder.getFullName());
        }
      }
    }
    return Optional.empty();
  }
}
