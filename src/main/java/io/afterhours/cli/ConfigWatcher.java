package io.afterhours.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file and the template folders; a change (after a short quiet spell, since
 * editors write in several steps) asks for a reload, just like SIGHUP.
 */
final class ConfigWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
  private static final long QUIET_MILLIS = 300;
  private static final long MAX_WAIT_MILLIS = 2000;

  private final WatchService watcher;
  private final Path configDir;
  private final Map<Path, WatchKey> folders = new HashMap<>();
  private final Thread thread;

  private ConfigWatcher(WatchService watcher, Path configFile, Consumer<String> onChange) {
    this.watcher = watcher;
    this.configDir = configFile.getParent();
    this.thread = new Thread(() -> watch(configFile, onChange), "afterhours-config-watch");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching {@code configFile}'s folder (for that file) and each of {@code folders} (for
   * any file). A folder that cannot be watched is logged and skipped.
   */
  static ConfigWatcher start(Path configFile, List<Path> folders, Consumer<String> onChange)
      throws IOException {
    WatchService service = FileSystems.getDefault().newWatchService();
    ConfigWatcher watcher =
        new ConfigWatcher(service, configFile.toAbsolutePath().normalize(), onChange);
    watcher.follow(folders);
    watcher.thread.start();
    return watcher;
  }

  /**
   * Watches exactly {@code templateFolders} (besides the config file) from now on: after a reload
   * that names other template folders, the new ones are watched and the old ones let go.
   */
  synchronized void follow(List<Path> templateFolders) {
    Set<Path> wanted = new LinkedHashSet<>();
    wanted.add(configDir);
    templateFolders.forEach(dir -> wanted.add(dir.toAbsolutePath().normalize()));
    folders
        .entrySet()
        .removeIf(
            watched -> {
              if (wanted.contains(watched.getKey())) {
                return false;
              }
              watched.getValue().cancel();
              LOG.info("no longer watching {} for changes", watched.getKey());
              return true;
            });
    for (Path dir : wanted) {
      if (folders.containsKey(dir)) {
        continue;
      }
      try {
        folders.put(
            dir,
            dir.register(
                watcher,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE));
        LOG.debug("watching {} for changes", dir);
      } catch (IOException e) {
        LOG.warn("cannot watch {} for changes: {}", dir, e.getMessage());
      }
    }
  }

  private void watch(Path configFile, Consumer<String> onChange) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean relevant = relevant(key, configFile);
        key.reset();
        if (!relevant) {
          continue; // e.g. the store or a log file beside the config
        }
        // Let the editor finish: wait for a quiet spell, but never longer than MAX_WAIT_MILLIS,
        // since other files in the folder may change all the time.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        WatchKey more;
        while (System.nanoTime() < deadline
            && (more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          more.pollEvents();
          more.reset();
        }
        onChange.accept("CHANGE");
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** In the config's folder only the config file counts; in a template folder, any file. */
  private static boolean relevant(WatchKey key, Path configFile) {
    Path dir = (Path) key.watchable();
    for (WatchEvent<?> event : key.pollEvents()) {
      if (!(event.context() instanceof Path name)) {
        continue;
      }
      Path changed = dir.resolve(name).toAbsolutePath();
      if (!dir.equals(configFile.getParent()) || changed.equals(configFile)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      LOG.debug("closing the config watcher: {}", e.getMessage());
    }
  }
}
