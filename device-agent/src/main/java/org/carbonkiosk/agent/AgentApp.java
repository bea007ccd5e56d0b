package org.carbonkiosk.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import org.carbonkiosk.agent.display.Display;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.identity.CalibrationFile;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.StoreException;
import org.carbonkiosk.agent.publish.MqttPublisher;
import org.carbonkiosk.agent.publish.TlsSockets;
import org.carbonkiosk.agent.session.SessionRunner;
import org.carbonkiosk.agent.session.SessionState;
import org.carbonkiosk.agent.sign.CardTokens;
import org.carbonkiosk.agent.sign.ClockSync;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
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
    private final SessionLoop loop;
    private final TelemetryReporter telemetry;
    private ReceiptHandler receipts; // set once the runner it hands receipts to exists; MQTT starts later
    private final long startedNanos = System.nanoTime();
    private volatile boolean closed;

    private AgentApp(AgentConfig config, Hardware hardware, Display display, Clock clock) throws IOException {
        this.config = config;
        this.hardware = hardware;
        DeviceKeyStore keys = new DeviceKeyStore(config.identityDir());
        DeviceKeyStore.SigningKey key = keys.active().orElseThrow(() -> new IOException("no device key (device-key-N.pem)"
                + " in " + config.identityDir() + ": provision this kiosk first"));
        FleetCardKeyFile cardKey = new FleetCardKeyFile(config.identityDir().resolve("card.key"));
        if (!cardKey.exists()) {
            throw new IOException("no fleet card key " + cardKey.path() + ": provision this kiosk first");
        }
        CardTokens cardTokens = new CardTokens(cardKey.read());
        Set<String> serviceCards = new ServiceCardsFile(config.serviceCardsFile()).read();
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
            this.loop = new SessionLoop(config.deviceId());
            this.publisher = new MqttPublisher(config.publisherConfig(), outbox, r -> receipts.onReceipt(r), clock,
                    System::currentTimeMillis, sockets);
            this.runner = new SessionRunner(config.sessionConfig(), hardware, display, outbox, signer, cardTokens,
                    serviceCards, calibratedAt, System::currentTimeMillis, publisher::wake, publisher::isConnected);
            this.receipts = new ReceiptHandler(config.deviceId(), outbox, loop, runner, () -> closed);
            this.telemetry = new TelemetryReporter(config.deviceId(), hardware.binSensor(), runner::lastIdleReading,
                    outbox, publisher, clock, config.clock().zone(), this::uptimeSeconds);
            Logger.info("agent starting deviceId={} keyVersion={} lastSeq={} outboxDepth={} scaleMode={}"
                    + " serviceCards={}", config.deviceId(), signer.keyVersion(), outbox.lastSeq(), outbox.depth(),
                    config.scaleMode().wire(), serviceCards.size());
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
        loop.call(() -> {
            InterruptedSession.closeAtBoot(outbox, hardware.doorLock(), config.deviceId());
            runner.begin();
            return null;
        });
        publisher.start();
        long poll = config.session().pollInterval().toMillis();
        loop.every("poll", poll, poll, runner::tick);
        loop.every("health", 5_000, 5_000, runner::checkHealth);
        long telemetryMs = config.telemetry().interval().toMillis();
        if (telemetryMs > 0) {
            loop.every("telemetry", telemetryMs, telemetryMs, telemetry::send);
        }
        long purge = config.outbox().purgeInterval().toMillis();
        loop.every("purge", Math.min(purge, 60_000), purge,
                () -> Housekeeping.purge(outbox, config.outbox().keepSettled(), config.deviceId()));
        config.watchdogFile().ifPresent(file -> loop.every("watchdog", 0, config.watchdogInterval().toMillis(),
                () -> Housekeeping.heartbeat(file)));
        Logger.info("agent ready deviceId={} kioskType={} hardware={}", config.deviceId(),
                config.claw() ? "claw-kiosk" : "recycling-box", config.hardwareType());
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
        return loop.call(runner::state);
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
        // A stopped agent never leaves the door unlocked; an open session's journal stays
        // and is closed honestly at the next start.
        loop.stop(() -> hardware.doorLock().lock());
        publisher.close();
        outbox.close();
        Logger.info("agent stopped deviceId={}", config.deviceId());
    }
}
