package org.carbonkiosk.agent;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.SECONDS;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.carbonkiosk.agent.claw.ClawPolicy;
import org.carbonkiosk.agent.display.Language;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.agent.publish.MqttSettings;
import org.carbonkiosk.agent.publish.PublisherConfig;
import org.carbonkiosk.agent.session.SessionConfig;
import org.carbonkiosk.agent.session.SessionTiming;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.config.Key;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.protocol.KioskTypes;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * Everything the agent reads from {@code agent.properties}, parsed and validated once. Every key
 * and its default is listed in {@code deploy/agent.properties} and {@code docs/agent.md}.
 *
 * @param deviceId     {@code device.id}
 * @param claw         true for {@code kiosk.type=claw-kiosk}
 * @param identityDir  {@code identity.dir}: device-key-N.pem, card.key, calibration.json
 * @param dataDir      {@code data.dir}: outbox.db
 * @param hardwareType {@code hardware.type}: simulated or pi
 * @param material     {@code session.material}: what this kiosk's bin takes
 * @param scaleMode    {@code scale.mode}: the scale weighs the whole bin or only a tray
 * @param agentVersion the {@code agent} member of events
 */
public record AgentConfig(String deviceId, boolean claw, Path identityDir, Path dataDir, String hardwareType,
                          Material material, ScaleMode scaleMode, String agentVersion, MqttSettings mqtt,
                          SessionTiming session, Outbox outbox, Telemetry telemetry, ClawPolicy clawPolicy,
                          Language language, Console console, Clock clock, Optional<Path> watchdogFile,
                          Duration watchdogInterval) {
    public static final String DEFAULT_AGENT_VERSION = "1.0.0";
    public static final Set<String> KIOSK_TYPES = KioskTypes.ALL;
    public static final Set<String> HARDWARE_TYPES = Set.of("simulated", "pi");
    public static final Set<String> SCALE_MODES = Set.of(ScaleMode.BIN.wire(), ScaleMode.TRAY.wire());

    // The keys the provisioning tool reads too (with MqttSettings' mqtt.* keys): one reading for both.
    public static final Key<String> DEVICE_ID = Key.string("device.id");
    public static final Key<String> KIOSK_TYPE = Key.choice("kiosk.type", KIOSK_TYPES).defaultsTo("recycling-box");
    public static final Key<String> HARDWARE_TYPE = Key.choice("hardware.type", HARDWARE_TYPES).defaultsTo("simulated");
    public static final Key<Path> IDENTITY_DIR = Key.path("identity.dir").defaultsTo(Path.of("/etc/kiosk"));
    public static final Key<Path> DATA_DIR = Key.path("data.dir").defaultsTo(Path.of("/var/lib/kiosk"));
    /** No fixed default: {@code bin} for a recycling box, {@code tray} for a claw kiosk ({@link #scaleMode}). */
    public static final Key<String> SCALE_MODE = Key.choice("scale.mode", SCALE_MODES);

    public AgentConfig {
        DeviceId.require(deviceId);
        Objects.requireNonNull(identityDir, "identityDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(scaleMode, "scaleMode");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(clawPolicy, "clawPolicy");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(watchdogFile, "watchdogFile");
    }

    /**
     * The outbox and its delivery: {@code outbox.*}.
     *
     * @param resendAfter  first wait for a receipt before publishing the same bytes again
     * @param resendMax    the longest wait between resends (the wait doubles up to this)
     * @param maxInFlight  at most this many events published and awaiting a receipt
     * @param keepSettled  receipted events are kept this long, then purged
     * @param minFreeBytes below this much free disk the kiosk refuses new deposits
     * @param maxBytes     the outbox file's size cap (0 = none); when reached, as with a full disk
     */
    public record Outbox(Duration resendAfter, Duration resendMax, int maxInFlight, Duration keepSettled,
                         Duration purgeInterval, long minFreeBytes, long maxBytes) {
    }

    /** The session runner's slice. */
    public SessionConfig sessionConfig() {
        return new SessionConfig(deviceId, claw, material, session, clawPolicy, outbox.minFreeBytes(), scaleMode);
    }

    /** The MQTT publisher's slice. */
    public PublisherConfig publisherConfig() {
        return new PublisherConfig(deviceId, agentVersion, mqtt, outbox.resendAfter(), outbox.resendMax(),
                outbox.maxInFlight());
    }

    /** {@code telemetry.intervalS}; zero turns telemetry off. */
    public record Telemetry(Duration interval) {
    }

    /** The control console of simulated kiosks: {@code console.stdin}, {@code console.port} (loopback only). */
    public record Console(boolean stdin, OptionalInt port) {
    }

    /**
     * Event time: {@code clock.zone} (the offset written in occurredAt), {@code clock.synced}
     * (auto, true or false) and {@code clock.syncFile} (present when NTP has synchronised the clock).
     */
    public record Clock(ZoneId zone, String synced, Path syncFile) {
    }

    /** {@code identity.dir/service-cards}: the service card tokens set at provisioning. */
    public Path serviceCardsFile() {
        return ServiceCardsFile.in(identityDir).path();
    }

    public Path outboxFile() {
        return dataDir.resolve("outbox.db");
    }

    public boolean simulated() {
        return hardwareType.equals("simulated");
    }

    /** Reads and validates every key; a bad value fails with a {@link ConfigException} naming its key. */
    public static AgentConfig from(ConfigSource s) {
        String deviceId = deviceId(s);
        boolean claw = s.get(KIOSK_TYPE).equals("claw-kiosk");
        String hardwareType = s.get(HARDWARE_TYPE);
        String materialName = s.string("session.material", "mixed");
        Material material = Material.fromWire(materialName).orElseThrow(() ->
                new ConfigException("session.material", "must be one of paper, plastic, metal, glass, textile, mixed"));
        ScaleMode scaleMode = scaleMode(s, s.get(KIOSK_TYPE));
        MqttSettings mqtt = MqttSettings.from(s, deviceId);
        SessionTiming session = new SessionTiming(
                s.duration("session.pollIntervalMs", MILLIS, ms(100), ms(5), ms(10_000)),
                s.integer("session.settleBandGrams", 5, 0, 10_000),
                s.integer("session.settleCount", 5, 1, 1000),
                s.duration("session.settleTimeoutMs", MILLIS, ms(15_000), ms(10), ms(600_000)),
                s.duration("session.doorOpenTimeoutMs", MILLIS, ms(30_000), ms(10), ms(3_600_000)),
                s.duration("session.doorCloseTimeoutMs", MILLIS, ms(120_000), ms(10), ms(3_600_000)),
                s.duration("session.receiptWaitMs", MILLIS, ms(5_000), Duration.ZERO, ms(600_000)),
                s.duration("session.blockedCardMemoryS", SECONDS, Duration.ofDays(1), Duration.ZERO,
                        Duration.ofDays(365)),
                s.duration("session.serviceDoorCloseTimeoutMs", MILLIS, Duration.ofMinutes(15), ms(10),
                        Duration.ofHours(4)));
        Outbox outbox = new Outbox(
                s.duration("outbox.resendAfterMs", MILLIS, Duration.ofMinutes(1), ms(10), Duration.ofDays(1)),
                s.duration("outbox.resendMaxMs", MILLIS, Duration.ofMinutes(15), ms(10), Duration.ofDays(1)),
                s.integer("outbox.maxInFlight", 20, 1, 1000),
                s.duration("outbox.keepSettledHours", HOURS, Duration.ofDays(30), Duration.ZERO,
                        Duration.ofDays(3650)),
                s.duration("outbox.purgeIntervalS", SECONDS, Duration.ofHours(1), Duration.ofSeconds(1),
                        Duration.ofDays(1)),
                s.size("outbox.minFreeBytes", 16L * 1024 * 1024, 0, Long.MAX_VALUE),
                s.size("outbox.maxBytes", 0, 0, Long.MAX_VALUE));
        if (outbox.resendMax().compareTo(outbox.resendAfter()) < 0) {
            throw new ConfigException("outbox.resendMaxMs", "must be at least outbox.resendAfterMs");
        }
        Telemetry telemetry = new Telemetry(s.duration("telemetry.intervalS", SECONDS, Duration.ofMinutes(1),
                Duration.ZERO, Duration.ofDays(1)));
        ClawPolicy clawPolicy = new ClawPolicy(s.integer("claw.gramsPerPlay", 500, 1, 1_000_000),
                s.integer("claw.maxPlaysPerDeposit", 3, 0, 100),
                s.integer("claw.offlineMinGrams", 500, 0, 1_000_000));
        Language language = Language.fromConfig(s.choice("display.language", "both", Set.of("zh", "en", "both")));
        OptionalInt port = s.optional("console.port").isPresent()
                ? OptionalInt.of(s.integer("console.port", 0, 0, 65_535)) : OptionalInt.empty();
        Console console = new Console(s.bool("console.stdin", true), port);
        ZoneId zone;
        try {
            zone = s.optional("clock.zone").map(ZoneId::of).orElse(Timestamps.SHANGHAI);
        } catch (java.time.DateTimeException e) {
            throw new ConfigException("clock.zone", "is not a time zone id: " + e.getMessage());
        }
        String synced = s.choice("clock.synced", hardwareType.equals("simulated") ? "true" : "auto",
                Set.of("auto", "true", "false"));
        Clock clock = new Clock(zone, synced, s.path("clock.syncFile", "/run/systemd/timesync/synchronized"));
        return new AgentConfig(deviceId, claw, s.get(IDENTITY_DIR), s.get(DATA_DIR),
                hardwareType, material, scaleMode, s.string("agent.version", DEFAULT_AGENT_VERSION), mqtt, session,
                outbox, telemetry, clawPolicy, language, console, clock, s.optional("watchdog.file").map(Path::of),
                s.duration("watchdog.intervalS", SECONDS, Duration.ofSeconds(10), Duration.ofSeconds(1),
                        Duration.ofHours(1)));
    }

    /** {@code scale.mode}, by default {@code bin} for a recycling box and {@code tray} for a claw kiosk. */
    public static ScaleMode scaleMode(ConfigSource s, String kioskType) {
        return s.find(SCALE_MODE).flatMap(ScaleMode::fromWire).orElse(ScaleMode.defaultFor(kioskType));
    }

    /** {@code device.id}, required and checked. */
    public static String deviceId(ConfigSource s) {
        String deviceId = s.get(DEVICE_ID);
        if (!DeviceId.isValid(deviceId)) {
            throw new ConfigException(DEVICE_ID.name(), "must match ^[A-Z0-9][A-Z0-9-]{2,31}$, was '" + deviceId + "'");
        }
        return deviceId;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
