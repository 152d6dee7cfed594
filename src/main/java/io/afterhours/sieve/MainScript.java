package io.afterhours.sieve;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script the server runs when the owner already had an active script of their own: theirs
 * first, exactly as it is, then ours. It names their script in a comment line, so that {@code
 * --remove} can make it active again without any state kept on this machine.
 *
 * <p>Theirs runs first so that their rules keep their meaning: a {@code stop} still ends all
 * processing (RFC 6609 §3.2 keeps that across includes), so mail they file and stop on, or throw
 * away, gets no auto-reply, as mail that never reaches the inbox gets none from the daemon; and
 * their {@code fileinto}, {@code keep} and {@code discard} are untouched, since our script only
 * adds a vacation action and never stops or cancels the implicit keep.
 */
final class MainScript {
  /** The name of our own script. */
  static final String OURS = "afterhours";

  /** The name of the script that runs the owner's and ours. */
  static final String MAIN = "afterhours-main";

  private static final String RESTORE = "# afterhours-restore: ";
  private static final Pattern RESTORE_LINE =
      Pattern.compile("^" + Pattern.quote(RESTORE) + "(\".*\")\\s*$", Pattern.MULTILINE);

  private MainScript() {}

  /**
   * With the include extension (RFC 6609): their script and ours, by name. Both are optional, so
   * that deleting either leaves the other working instead of failing every delivery.
   */
  static String including(String mailbox, String theirs) {
    return header(mailbox, theirs)
        + "require \"include\";\n"
        + "include :personal :optional "
        + SieveText.quoted(theirs)
        + ";\n"
        + "include :personal :optional "
        + SieveText.quoted(OURS)
        + ";\n";
  }

  /**
   * Without include: a copy of their script with ours appended, our {@code require} put first (RFC
   * 5228 §3.2: requires precede every other command; repeating one is allowed).
   *
   * @param ours our script, whose {@code require} line is {@code requireLine}
   */
  static String merged(
      String mailbox, String theirs, String theirText, String ours, String requireLine) {
    String theirPart = theirText.endsWith("\n") ? theirText : theirText + "\n";
    return header(mailbox, theirs)
        + "# This server has no \"include\" extension, so your script is copied here: run\n"
        + "# `afterhours sieve --push` again after you change it.\n"
        + requireLine
        + "\n# ---- begin: your script \""
        + oneLine(theirs)
        + "\", copied unchanged ----\n"
        + theirPart
        + "# ---- end: your script ----\n\n"
        + "# ---- begin: afterhours (generated) ----\n"
        + ours.replaceFirst(Pattern.quote(requireLine), "")
        + "# ---- end: afterhours ----\n";
  }

  /** The script to make active again on {@code --remove}, from the comment line we wrote. */
  static Optional<String> restoreTarget(String mainScript) {
    Matcher m = RESTORE_LINE.matcher(mainScript.replace("\r\n", "\n"));
    if (!m.find()) {
      return Optional.empty();
    }
    String quoted = m.group(1);
    StringBuilder name = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        c = quoted.charAt(++i);
      }
      name.append(c);
    }
    return Optional.of(name.toString());
  }

  private static String header(String mailbox, String theirs) {
    String name = oneLine(theirs);
    return "# "
        + MAIN
        + ": made by afterhours for mailbox \""
        + oneLine(mailbox)
        + "\".\n"
        + "# The server runs this script: your own script \""
        + name
        + "\" first, as it is, then\n"
        + "# afterhours' replies (\""
        + OURS
        + "\"). Mail your script stops on (stop) gets no auto-reply.\n"
        + "# `afterhours sieve --remove` makes \""
        + name
        + "\" active again and deletes this script.\n"
        + RESTORE
        + SieveText.quoted(theirs)
        + "\n";
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]", " ");
  }
}
