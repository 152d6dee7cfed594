package io.afterhours.sieve;

import java.util.List;
import java.util.Set;

/**
 * A user's script storage on a mail server (the port {@link SieveInstaller} works through; {@link
 * ManageSieveClient} is the adapter). Every method fails with {@link SieveServerException} when the
 * server cannot be reached or refuses.
 */
public interface SieveServer {

  /** The Sieve extensions the server runs, e.g. {@code vacation}, {@code include}. */
  Set<String> extensions();

  /** The user's scripts; at most one is active. */
  List<StoredScript> listScripts();

  String getScript(String name);

  /** True when a script of {@code bytes} octets may be stored under {@code name} (quota). */
  boolean haveSpace(String name, long bytes);

  /** Stores (or replaces) a script; the server compiles it and refuses one that fails. */
  void putScript(String name, String text);

  /** Makes {@code name} the active script; the empty name deactivates every script. */
  void setActive(String name);

  void deleteScript(String name);

  /** A script on the server and whether it is the one the server runs. */
  record StoredScript(String name, boolean active) {}
}
