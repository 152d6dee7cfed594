package io.afterhours.sieve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Sieve server in memory: scripts by name, one active, a quota, and the commands it got. */
final class InMemorySieveServer implements SieveServer {
  final Map<String, String> scripts = new LinkedHashMap<>();
  final List<String> commands = new ArrayList<>();
  final Set<String> extensions;
  String active = "";
  long quota = Long.MAX_VALUE;

  InMemorySieveServer(String... extensions) {
    this.extensions = new LinkedHashSet<>(List.of(extensions));
  }

  static InMemorySieveServer dovecot() {
    return new InMemorySieveServer(
        "fileinto",
        "reject",
        "envelope",
        "vacation",
        "relational",
        "include",
        "variables",
        "date",
        "duplicate");
  }

  InMemorySieveServer withActive(String name, String text) {
    scripts.put(name, text);
    active = name;
    return this;
  }

  @Override
  public Set<String> extensions() {
    return extensions;
  }

  @Override
  public List<StoredScript> listScripts() {
    List<StoredScript> list = new ArrayList<>();
    scripts.keySet().forEach(name -> list.add(new StoredScript(name, name.equals(active))));
    return list;
  }

  @Override
  public String getScript(String name) {
    String text = scripts.get(name);
    if (text == null) {
      throw new SieveServerException("NO (NONEXISTENT) " + name);
    }
    return text;
  }

  @Override
  public boolean haveSpace(String name, long bytes) {
    commands.add("HAVESPACE " + name);
    return bytes <= quota;
  }

  @Override
  public void putScript(String name, String text) {
    commands.add("PUTSCRIPT " + name);
    scripts.put(name, text);
  }

  @Override
  public void setActive(String name) {
    commands.add("SETACTIVE " + name);
    if (!name.isEmpty() && !scripts.containsKey(name)) {
      throw new SieveServerException("NO (NONEXISTENT) " + name);
    }
    active = name;
  }

  @Override
  public void deleteScript(String name) {
    commands.add("DELETESCRIPT " + name);
    if (name.equals(active)) {
      throw new SieveServerException("NO (ACTIVE) " + name);
    }
    scripts.remove(name);
  }
}
