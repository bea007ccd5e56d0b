package org.carbonkiosk.simulator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tinylog.configuration.Configuration;

/**
 * tinylog set up by each command before anything logs: the console for the small commands, a
 * file for the demo (whose console shows only the progress bar and the summary). HiveMQ CE
 * logs through logback, configured by the embedded broker's own logback.xml.
 */
public final class Logging {
    private Logging() {
    }

    public static void toConsole(String level) {
        Map<String, String> c = new HashMap<>();
        c.put("writer", "console");
        c.put("writer.level", level);
        c.put("writer.format", "{date:HH:mm:ss.SSS} {level} [{thread}] {message}");
        replace(c);
    }

    /** Everything at info and above into {@code file}; only errors on the console. */
    public static void toFile(Path file) {
        Map<String, String> c = new HashMap<>();
        c.put("writer1", "file");
        c.put("writer1.file", file.toAbsolutePath().toString());
        c.put("writer1.level", "info");
        c.put("writer1.buffered", "true");
        c.put("writer1.format", "{date:yyyy-MM-dd HH:mm:ss.SSS} {level} [{thread}] {class-name}: {message}");
        c.put("writer2", "console");
        c.put("writer2.level", "error");
        c.put("writer2.stream", "err");
        c.put("writer2.format", "{level}: {message}");
        c.put("writingthread", "true");
        replace(c);
    }

    private static void replace(Map<String, String> c) {
        try {
            Configuration.replace(c);
        } catch (UnsupportedOperationException e) {
            // already frozen (logging started, e.g. inside tests): keep what is there
        }
    }
}
