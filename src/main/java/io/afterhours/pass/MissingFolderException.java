package io.afterhours.pass;

import java.util.List;

/** A configured folder that the IMAP server does not have (a typo, or a folder deleted since). */
public final class MissingFolderException extends MailServerException {
  private static final long serialVersionUID = 1L;
  private static final int LISTED = 20;

  private final String folder;

  /**
   * @param existing the folders the server has, to show the user what was probably meant
   */
  public MissingFolderException(String folder, String endpoint, List<String> existing) {
    super(
        "folder \""
            + folder
            + "\" does not exist on "
            + endpoint
            + (existing.isEmpty() ? "" : " (it has: " + listed(existing) + ")"));
    this.folder = folder;
  }

  private static String listed(List<String> existing) {
    String shown = String.join(", ", existing.subList(0, Math.min(LISTED, existing.size())));
    return existing.size() > LISTED ? shown + ", …" : shown;
  }

  public String folder() {
    return folder;
  }
}
