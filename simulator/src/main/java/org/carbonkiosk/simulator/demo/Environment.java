package org.carbonkiosk.simulator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.collector.CollectorApp;
import org.carbonkiosk.collector.CollectorConfig;
import org.carbonkiosk.collector.CollectorCrashes;
import org.carbonkiosk.simulator.clock.SimClock;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import org.carbonkiosk.simulator.fleet.MqttObserver;
import org.carbonkiosk.simulator.ledger.StubLedger;
import org.tinylog.Logger;

/**
 * The services a simulated month runs against, all real and in this process: the embedded
 * broker (HiveMQ CE), the stub ledger and the collector (SQLite in the data directory) on the
 * shared simulated clock, plus the simulator's MQTT observer.
 */
public final class Environment implements AutoCloseable {
    private static final Duration CRASH_WAIT = Duration.ofSeconds(5);
    private volatile EmbeddedBroker broker;
    private final String brokerUrl;
    private final StubLedger ledger;
    private final CollectorConfig collectorConfig;
    private final SimClock clock;
    private final CommitCrash commitCrash;
    private volatile CollectorApp collector;
    private volatile boolean collectorRunning = true;
    private volatile boolean crashPending;
    private final CollectorClient api;
    private final MqttObserver observer;
    private final Path dataDir;
    private int brokerResets;
    private int crashesAfterCommit;

    private Environment(EmbeddedBroker broker, String brokerUrl, StubLedger ledger, CollectorConfig collectorConfig,
                        SimClock clock, CommitCrash commitCrash, CollectorApp collector, MqttObserver observer,
                        Path dataDir) {
        this.broker = broker;
        this.brokerUrl = brokerUrl;
        this.ledger = ledger;
        this.collectorConfig = collectorConfig;
        this.clock = clock;
        this.commitCrash = commitCrash;
        this.collector = collector;
        this.api = new CollectorClient("http://127.0.0.1:" + collector.httpPort(), collector.adminToken());
        this.observer = observer;
        this.dataDir = dataDir;
    }

    /**
     * Starts broker, ledger and collector.
     *
     * @param externalMqttUrl    a broker already running (e.g. the machine's Mosquitto); empty =
     *                           start the embedded one (needed for broker restarts)
     * @param preferredMqttPort  used when free (1883 for the demo), else a free port; 0 = any free port
     * @param preferredHttpPort  the same for the collector's HTTP API (8080 for the demo)
     */
    public static Environment start(Path dataDir, SimClock clock, int preferredMqttPort, int preferredHttpPort,
                                    long seed, Optional<String> externalMqttUrl) {
        return start(dataDir, clock, preferredMqttPort, preferredHttpPort, seed, externalMqttUrl, Map.of());
    }

    /**
     * As {@link #start(Path, SimClock, int, int, long, Optional)}, with {@code collectorSettings}
     * (collector keys as in its file: {@code "integrity.flagOnImbalance" -> "true"}) added.
     */
    public static Environment start(Path dataDir, SimClock clock, int preferredMqttPort, int preferredHttpPort,
                                    long seed, Optional<String> externalMqttUrl,
                                    Map<String, String> collectorSettings) {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedBroker broker = null;
        String brokerUrl;
        if (externalMqttUrl.isPresent()) {
            brokerUrl = externalMqttUrl.get();
        } else {
            broker = EmbeddedBroker.create(dataDir.resolve("broker"), portOrFree(preferredMqttPort));
            brokerLogsTo(dataDir.resolve("broker"), dataDir.resolve("logs/broker.log"));
            broker.start();
            brokerUrl = broker.url();
        }
        String ledgerToken = randomHex(16);
        StubLedger ledger = StubLedger.start(0, Optional.of(ledgerToken), seed);
        Map<String, String> keys = new HashMap<>(Map.of("mqtt.url", brokerUrl,
                "mqtt.clientId", "sim-collector-" + randomHex(4),
                "http.port", Integer.toString(portOrFree(preferredHttpPort)),
                "data.dir", dataDir.resolve("collector").toString(), "admin.token", randomHex(16),
                "ledger.url", ledger.url(), "ledger.token", ledgerToken,
                "ledger.timeout", "2s", "ledger.backoffInitial", "200ms", "ledger.backoffMax", "2s"));
        keys.putAll(collectorSettings);
        CommitCrash commitCrash = new CommitCrash();
        CollectorApp collector = CollectorCrashes.start(CollectorConfig.of(keys), clock, commitCrash);
        // a restart comes back on the same port and token (and the same MQTT session and SQLite file)
        keys.put("http.port", Integer.toString(collector.httpPort()));
        keys.put("admin.token", collector.adminToken());
        CollectorConfig config = CollectorConfig.of(keys);
        MqttObserver observer = MqttObserver.connect(brokerUrl);
        Logger.info("environment up: broker {}, ledger {}, collector http://127.0.0.1:{}", brokerUrl, ledger.url(),
                collector.httpPort());
        return new Environment(broker, brokerUrl, ledger, config, clock, commitCrash, collector, observer, dataDir);
    }

    /** Stops the collector gracefully; the broker keeps its session and queues the events meanwhile. */
    public synchronized void stopCollector() {
        if (collectorRunning) {
            collector.close();
            collectorRunning = false;
            Logger.info("collector stopped");
        }
    }

    /** The collector dies at its next commit, after storing the decisions and before acknowledging them. */
    public synchronized void crashCollectorAtNextCommit() {
        commitCrash.arm();
        crashPending = true;
    }

    /**
     * Starts the collector again on the same data and MQTT session. One armed to crash is given
     * up to {@link #CRASH_WAIT} for a commit to meet the crash (the slot's events may still be on
     * their way), then halted: after that commit, or idle if none came.
     */
    public synchronized void startCollector() throws InterruptedException {
        long deadline = System.nanoTime() + CRASH_WAIT.toNanos();
        while (crashPending && !commitCrash.struck() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (collectorRunning) {
            haltCollector();
        }
        collector = CollectorCrashes.start(collectorConfig, clock, commitCrash);
        collectorRunning = true;
        Logger.info("collector started again");
    }

    /** False while the collector is stopped (its HTTP API too). */
    public synchronized boolean collectorUp() {
        return collectorRunning;
    }

    /** True while the collector is stopped or armed to crash: {@link #startCollector()} brings it back. */
    public synchronized boolean collectorDisturbed() {
        return !collectorRunning || crashPending;
    }

    /** How many times the collector was halted between a commit and its acknowledgement. */
    public synchronized int crashesAfterCommit() {
        return crashesAfterCommit;
    }

    private void haltCollector() {
        commitCrash.disarm();
        CollectorCrashes.halt(collector);
        crashesAfterCommit += commitCrash.struck() ? 1 : 0;
        crashPending = false;
        collectorRunning = false;
        Logger.info("collector crashed ({})", commitCrash.struck() ? "after a commit, before its ack" : "while idle");
    }

    /**
     * The embedded broker stops and starts on the same port with a fresh data folder: every
     * session, subscription and in-flight message is gone.
     */
    public synchronized void resetBroker() {
        EmbeddedBroker old = broker().orElseThrow(() -> new IllegalStateException("a broker reset needs the embedded broker"));
        old.stop();
        Path fresh = dataDir.resolve("broker-" + ++brokerResets);
        EmbeddedBroker next = EmbeddedBroker.create(fresh, old.port());
        brokerLogsTo(fresh, dataDir.resolve("logs/broker.log"));
        next.start();
        broker = next;
        Logger.info("broker reset: started with no sessions");
    }

    /** The embedded broker, when this environment runs its own. */
    public Optional<EmbeddedBroker> broker() {
        return Optional.ofNullable(broker);
    }

    /** {@code tcp://host:port} of the broker in use. */
    public String brokerUrl() {
        return brokerUrl;
    }

    public StubLedger ledger() {
        return ledger;
    }

    public CollectorApp collector() {
        return collector;
    }

    public CollectorClient api() {
        return api;
    }

    public MqttObserver observer() {
        return observer;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        observer.close();
        if (crashPending) {
            haltCollector();
        } else if (collectorRunning) {
            collector.close();
        }
        ledger.close();
        if (broker != null) {
            broker.close();
        }
    }

    /** HiveMQ CE logs through logback: into a file, not over the demo's console. */
    private static void brokerLogsTo(Path brokerDir, Path logFile) {
        String xml = """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d{yyyy-MM-dd HH:mm:ss.SSS} %%-5level [broker] %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(logFile.toAbsolutePath());
        try {
            Files.writeString(brokerDir.resolve("conf/logback.xml"), xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int portOrFree(int preferred) {
        if (preferred > 0) {
            try (ServerSocket s = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return preferred;
            } catch (IOException e) {
                // taken: fall through to a free one
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
