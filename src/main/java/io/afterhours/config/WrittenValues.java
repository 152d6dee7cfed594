package io.afterhours.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the config file itself wrote, before its substitutions were resolved: {@code password =
 * ${?AFTERHOURS_IMAP_PASSWORD}} with the variable unset resolves to no password at all, as if the
 * line were not there, yet it says that the server wants a login and which variable should hold the
 * password.
 */
final class WrittenValues {
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{\\??\\s*([^}\\s]+)\\s*}");

  private final Config file;
  private final Map<String, String> env;

  /**
   * @param file the config file as parsed, unresolved
   * @param env the environment its substitutions were resolved from
   */
  WrittenValues(Config file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  /** {@code afterhours.mailboxes[index].<block>.<key>} as the file wrote it, if it did. */
  Optional<ConfigValue> inMailbox(int index, String block, String key) {
    try {
      if (!(file.root().get("afterhours") instanceof ConfigObject afterhours)
          || !(afterhours.get("mailboxes") instanceof ConfigList mailboxes)
          || index >= mailboxes.size()
          || !(mailboxes.get(index) instanceof ConfigObject mailbox)
          || !(mailbox.get(block) instanceof ConfigObject server)) {
        return Optional.empty();
      }
      return Optional.ofNullable(server.get(key));
    } catch (ConfigException e) {
      // A list or block built by substitutions or merges: nothing to say about what was written.
      return Optional.empty();
    }
  }

  /**
   * The names a value takes from substitutions, {@code AFTERHOURS_IMAP_PASSWORD} for {@code
   * ${?AFTERHOURS_IMAP_PASSWORD}}; empty for a plain value.
   */
  static List<String> substitutions(ConfigValue value) {
    try {
      value.valueType();
      return List.of(); // resolved, so a plain value: only substitutions are left unresolved
    } catch (ConfigException.NotResolved unresolved) {
      List<String> names = new ArrayList<>();
      Matcher m = SUBSTITUTION.matcher(value.render());
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }

  /**
   * Why a substitution came out empty: "the environment variable AFTERHOURS_IMAP_PASSWORD is not
   * set" (or is set but empty).
   */
  String whyEmpty(List<String> names) {
    List<String> reasons = new ArrayList<>();
    for (String name : names) {
      reasons.add(
          "the environment variable "
              + name
              + (env.containsKey(name) ? " is set but empty" : " is not set"));
    }
    return String.join(", and ", reasons);
  }
}
