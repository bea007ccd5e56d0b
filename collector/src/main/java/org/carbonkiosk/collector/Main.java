package org.carbonkiosk.collector;

import org.carbonkiosk.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.tinylog.Logger;

/**
 * {@code java -jar kiosk-collector.jar [--config FILE]}: starts the collector with the file's
 * settings and {@code KIOSK_*} environment overrides; stops gracefully on SIGTERM.
 * {@code ... tokens create|list|revoke} manages API tokens ({@link TokensCommand}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("tokens")) {
            System.exit(TokensCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        Optional<Path> file = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Optional.of(Path.of(args[++i]));
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: java -jar kiosk-collector.jar [--config FILE]  (see docs/collector.md)");
                System.out.println("       java -jar kiosk-collector.jar tokens create|list|revoke [--config FILE] ...");
                return;
            } else {
                System.err.println("unknown argument '" + args[i] + "'; usage: [--config FILE]");
                System.exit(2);
            }
        }
        CollectorApp app;
        try {
            app = CollectorApp.start(CollectorConfig.load(file, System.getenv()), Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("collector: " + e.getMessage());
            Logger.error("cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("collector listening on HTTP port " + app.httpPort());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
