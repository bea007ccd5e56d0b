package org.carbonkiosk.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.SocketFactory;
import org.carbonkiosk.agent.display.Display;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.identity.CalibrationFile;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;
import org.carbonkiosk.agent.outbox.Journal;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.Settlement;
import org.carbonkiosk.agent.outbox.StoreException;
import org.carbonkiosk.agent.publish.MqttPublisher;
import org.carbonkiosk.agent.publish.TlsSockets;
import org.carbonkiosk.agent.session.SessionRunner;
import org.carbonkiosk.agent.session.SessionState;
import org.carbonkiosk.agent.sign.CardTokens;
import org.carbonkiosk.agent.sign.ClockSync;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.protocol.message.Telemetry;
import org.tinylog.Logger;

/**
 * The device agent, embeddable: identity, outbox, MQTT delivery, the deposit session on the
 * given hardware, telemetry and claw plays. {@link #start} returns once the kiosk is ready for
 * deposits (MQTT connects in the background; deposits are recorded offline meanwhile).
 * {@code clock} is the only source of {@code occurredAt} and status/telemetry times; resend
 * timers use the system's wall clock.
 */
public final class AgentApp implements AutoCloseable {
    private final AgentConfig config;
    private final Hardware hardware;
    private final Outbox outbox;
    private final MqttPublisher publisher;
    private final SessionRunner runner;
    private final ScheduledExecutorService loop;
    private final Clock clock;
    private final long startedNanos = System.nanoTime();
    private volatile boolean closed;

    private AgentApp(AgentConfig config, Hardware hardware, Display display, Clock clock) throws IOException {
        this.config = config;
        this.hardware = hardware;
        this.clock = clock;
        DeviceKeyStore keys = new DeviceKeyStore(config.identityDir());
        DeviceKeyStore.SigningKey key = keys.active().orElseThrow(() -> new IOException("no device key (device-key-N.pem)"
                + " in " + config.identityDir() + ": provision this kiosk first"));
        FleetCardKeyFile cardKey = new FleetCardKeyFile(config.identityDir().resolve("card.key"));
        if (!cardKey.exists()) {
            throw new IOException("no fleet card key " + cardKey.path() + ": provision this kiosk first");
        }
        CardTokens cardTokens = new CardTokens(cardKey.read());
        Optional<OffsetDateTime> calibratedAt = new CalibrationFile(config.identityDir().resolve("calibration.json"))
                .read().map(Calibration::calibratedAt);
        EventSigner signer = new EventSigner(config.deviceId(), key, SignedEventCodec.standard(), clock,
                config.clock().zone(), new ClockSync(config.clock().synced(), config.clock().syncFile()),
                config.agentVersion());
        this.outbox = Outbox.open(config.outboxFile(), System::currentTimeMillis, config.outbox().maxBytes());
        try {
            SocketFactory sockets = config.mqtt().tls()
                    ? TlsSockets.factory(config.mqtt().caFile(), config.mqtt().clientCertFile(),
                    config.mqtt().clientKeyFile()) : null;
            this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kiosk-session");
                t.setDaemon(true);
                return t;
            });
            this.publisher = new MqttPublisher(config.publisherConfig(), outbox, this::onReceipt, clock, System::currentTimeMillis,
                    sockets);
            this.runner = new SessionRunner(config.sessionConfig(), hardware, display, outbox, signer, cardTokens, calibratedAt,
                    System::currentTimeMillis, publisher::wake, publisher::isConnected);
            Logger.info("agent starting deviceId={} keyVersion={} lastSeq={} outboxDepth={}", config.deviceId(),
                    signer.keyVersion(), outbox.lastSeq(), outbox.depth());
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            outbox.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Starts the agent: refuses a key file readable by others, opens and checks the outbox,
     * closes a session interrupted by power loss, locks the door, starts MQTT and the session.
     *
     * @throws UncheckedIOException when the identity or the store cannot be used
     */
    public static AgentApp start(AgentConfig config, Hardware hardware, Display display, Clock clock) {
        AgentApp app;
        try {
            app = new AgentApp(config, hardware, display, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        try {
            app.run();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void run() {
        onLoop(() -> {
            recoverInterruptedSession();
            runner.begin();
            return null;
        });
        publisher.start();
        long poll = config.session().pollInterval().toMillis();
        loop.scheduleWithFixedDelay(guard("poll", runner::tick), poll, poll, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(guard("health", runner::checkHealth), 5, 5, TimeUnit.SECONDS);
        long telemetry = config.telemetry().interval().toMillis();
        if (telemetry > 0) {
            loop.scheduleWithFixedDelay(guard("telemetry", this::sendTelemetry), telemetry, telemetry,
                    TimeUnit.MILLISECONDS);
        }
        long purge = config.outbox().purgeInterval().toMillis();
        loop.scheduleWithFixedDelay(guard("purge", this::purge), Math.min(purge, 60_000), purge, TimeUnit.MILLISECONDS);
        config.watchdogFile().ifPresent(file -> loop.scheduleWithFixedDelay(guard("watchdog", () -> {
            try {
                if (!Files.exists(file)) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.createFile(file);
                }
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (IOException e) {
                Logger.warn("watchdog file {}: {}", file, e.getMessage());
            }
        }), 0, config.watchdogInterval().toMillis(), TimeUnit.MILLISECONDS));
        Logger.info("agent ready deviceId={} kioskType={} hardware={}", config.deviceId(),
                config.claw() ? "claw-kiosk" : "recycling-box", config.hardwareType());
    }

    /**
     * A session whose journal survived a restart (power lost, crash) is closed honestly: the door
     * is locked, no weight is invented (no deposit event), an audit line records what was known.
     */
    private void recoverInterruptedSession() throws StoreException {
        Optional<Journal> journal = outbox.journal();
        if (journal.isEmpty()) {
            return;
        }
        try {
            hardware.doorLock().lock();
        } catch (IOException e) {
            Logger.error("cannot lock the door after an interrupted session deviceId={}: {}", config.deviceId(),
                    e.getMessage());
        }
        String line = "session interrupted (power loss or crash) started at "
                + Instant.ofEpochMilli(journal.get().startedAtMs()) + " with tare " + journal.get().tareGrams()
                + " g: closed at boot without a deposit event; door locked";
        outbox.closeJournal(line);
        Logger.warn("{} deviceId={}", line, config.deviceId());
    }

    private void onReceipt(Receipt receipt) {
        try {
            Optional<Settlement> settled = outbox.settle(receipt.eventId(), receipt.status().wire(),
                    receipt.reason().map(r -> r.wire()), receipt.creditedGrams());
            if (settled.isEmpty()) {
                Logger.warn("receipt for an unknown event deviceId={} eventId={}", config.deviceId(), receipt.eventId());
                return;
            }
            Logger.info("receipt deviceId={} eventId={} status={} reason={} creditedGrams={} repeat={}",
                    config.deviceId(), receipt.eventId(), receipt.status().wire(),
                    receipt.reason().map(r -> r.wire()).orElse("-"), receipt.creditedGrams(), receipt.repeat());
            if (settled.get().firstTime() && !closed) {
                loop.execute(guard("receipt", () -> runner.receiptSettled(receipt, settled.get())));
            }
        } catch (StoreException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sendTelemetry() {
        int fill = 0;
        try {
            fill = hardware.binSensor().fillPercent();
        } catch (IOException e) {
            Logger.warn("bin sensor failed deviceId={}: {}", config.deviceId(), e.getMessage());
        }
        try {
            Telemetry t = new Telemetry(Math.max(0, Math.min(100, fill)), runner.lastIdleReading(), outbox.depth(),
                    outbox.freeBytes(), uptimeSeconds(), OffsetDateTime.ofInstant(clock.instant(), config.clock().zone()));
            publisher.publishTelemetry(t.encode());
        } catch (StoreException e) {
            Logger.warn("telemetry skipped deviceId={}: {}", config.deviceId(), e.getMessage());
        }
    }

    private void purge() {
        try {
            int n = outbox.purgeSettledBefore(System.currentTimeMillis() - config.outbox().keepSettled().toMillis());
            if (n > 0) {
                Logger.info("purged settled events deviceId={} count={}", config.deviceId(), n);
            }
        } catch (StoreException e) {
            Logger.warn("purge failed deviceId={}: {}", config.deviceId(), e.getMessage());
        }
    }

    private Runnable guard(String what, ThrowingRunnable task) {
        return () -> {
            try {
                task.run();
            } catch (Exception | Error e) {
                // A periodic task must never die: the next run tries again.
                Logger.error(e, "{} failed deviceId={}", what, config.deviceId());
            }
        };
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the session thread did not answer in 30 s", e);
        }
    }

    public long uptimeSeconds() {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    /** Events not yet receipted. */
    public long outboxDepth() {
        try {
            return outbox.depth();
        } catch (StoreException e) {
            return -1;
        }
    }

    /** The highest seq taken so far. */
    public long lastSeq() {
        try {
            return outbox.lastSeq();
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    public boolean mqttConnected() {
        return publisher.isConnected();
    }

    /** The session's current state (read on the session thread). */
    public SessionState sessionState() {
        return onLoop(runner::state);
    }

    /** A one-line summary for the control console. */
    public String status() {
        SessionState s = sessionState();
        return "deviceId=" + config.deviceId() + " phase=" + s.phase().getClass().getSimpleName()
                + " door=" + (s.doorOpen() ? "open" : "closed") + " mqtt=" + (mqttConnected() ? "online" : "offline")
                + " lastSeq=" + lastSeq() + " outboxDepth=" + outboxDepth() + " uptimeS=" + uptimeSeconds();
    }

    /** Stops taking deposits, finishes the current step, publishes offline status, closes the store. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // A stopped agent never leaves the door unlocked; an open session's journal stays
            // and is closed honestly at the next start.
            loop.submit(() -> {
                hardware.doorLock().lock();
                return null;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("could not lock the door at shutdown deviceId={}: {}", config.deviceId(), e.toString());
        }
        loop.shutdown();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        outbox.close();
        Logger.info("agent stopped deviceId={}", config.deviceId());
    }
}
