package org.carbonkiosk.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.carbonkiosk.agent.config.ConfigException;
import org.carbonkiosk.agent.config.ConfigSource;
import org.carbonkiosk.agent.display.Language;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.protocol.event.Material;

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
 * @param agentVersion the {@code agent} member of events
 */
public record AgentConfig(String deviceId, boolean claw, Path identityDir, Path dataDir, String hardwareType,
                          Material material, String agentVersion, Mqtt mqtt, Session session, Outbox outbox,
                          Telemetry telemetry, Claw clawPolicy, Language language, Console console, Clock clock,
                          Optional<Path> watchdogFile, Duration watchdogInterval) {
    public static final String DEFAULT_AGENT_VERSION = "1.0.0";

    public AgentConfig {
        DeviceId.require(deviceId);
        Objects.requireNonNull(identityDir, "identityDir");
        Objects.requireNonNull(dataDir, "dataDir");
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

    /** MQTT connection: {@code mqtt.*}. The password is hidden from {@link #toString()}. */
    public record Mqtt(String url, String clientId, Optional<String> username, Optional<String> password,
                       Optional<Path> caFile, Optional<Path> clientCertFile, Optional<Path> clientKeyFile,
                       Duration keepAlive, Duration connectTimeout, Duration reconnectMin, Duration reconnectMax) {
        @Override
        public String toString() {
            return "Mqtt[url=" + url + ", clientId=" + clientId + ", username=" + username.orElse("-")
                    + ", password=" + (password.isPresent() ? "(hidden)" : "-") + ", caFile=" + caFile
                    + ", clientCertFile=" + clientCertFile + "]";
        }
    }

    /**
     * Deposit session timing: {@code session.*}.
     *
     * @param pollInterval     how often the hardware is read
     * @param settleBandGrams  readings within this band (max - min) count as stable
     * @param settleCount      this many consecutive stable readings settle the weight
     * @param settleTimeout    the longest wait for a stable tare or gross
     * @param doorOpenTimeout  after unlocking, the longest wait for the door to open (else: nothing deposited)
     * @param doorCloseTimeout the longest the door may stay open before the kiosk weighs anyway
     * @param receiptWait      how long the resident is shown "waiting" before "will be credited when back online"
     * @param blockedCardMemory how long a card answered {@code card-blocked} is refused at the reader
     */
    public record Session(Duration pollInterval, int settleBandGrams, int settleCount, Duration settleTimeout,
                          Duration doorOpenTimeout, Duration doorCloseTimeout, Duration receiptWait,
                          Duration blockedCardMemory) {
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

    /** {@code telemetry.intervalS}; zero turns telemetry off. */
    public record Telemetry(Duration interval) {
    }

    /**
     * The local play policy of claw kiosks: {@code claw.*}.
     *
     * @param gramsPerPlay       one play per this many net grams
     * @param maxPlaysPerDeposit at most this many plays for one deposit
     * @param offlineMinGrams    with no receipt in time, plays are granted only for a net at least this
     */
    public record Claw(int gramsPerPlay, int maxPlaysPerDeposit, int offlineMinGrams) {
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

    public Path outboxFile() {
        return dataDir.resolve("outbox.db");
    }

    public boolean simulated() {
        return hardwareType.equals("simulated");
    }

    /** Reads and validates every key; a bad value fails with a {@link ConfigException} naming its key. */
    public static AgentConfig from(ConfigSource s) {
        String deviceId = s.string("device.id");
        if (!DeviceId.isValid(deviceId)) {
            throw new ConfigException("device.id", "must match ^[A-Z0-9][A-Z0-9-]{2,31}$, was '" + deviceId + "'");
        }
        boolean claw = s.choice("kiosk.type", "recycling-box", Set.of("recycling-box", "claw-kiosk"))
                .equals("claw-kiosk");
        String hardwareType = s.choice("hardware.type", "simulated", Set.of("simulated", "pi"));
        String materialName = s.string("session.material", "mixed");
        Material material = Material.fromWire(materialName).orElseThrow(() ->
                new ConfigException("session.material", "must be one of paper, plastic, metal, glass, textile, mixed"));
        Mqtt mqtt = new Mqtt(mqttUrl(s), s.string("mqtt.clientId", deviceId),
                s.optional("mqtt.username"), s.optional("mqtt.password"),
                s.optional("mqtt.caFile").map(Path::of), s.optional("mqtt.clientCertFile").map(Path::of),
                s.optional("mqtt.clientKeyFile").map(Path::of),
                Duration.ofSeconds(s.integer("mqtt.keepAliveS", 30, 5, 3600)),
                Duration.ofSeconds(s.integer("mqtt.connectTimeoutS", 10, 1, 300)),
                Duration.ofMillis(s.integer("mqtt.reconnectMinMs", 1000, 10, 600_000)),
                Duration.ofMillis(s.integer("mqtt.reconnectMaxMs", 60_000, 10, 3_600_000)));
        if (mqtt.clientCertFile().isPresent() != mqtt.clientKeyFile().isPresent()) {
            throw new ConfigException("mqtt.clientKeyFile", "and mqtt.clientCertFile must be set together");
        }
        Session session = new Session(
                Duration.ofMillis(s.integer("session.pollIntervalMs", 100, 5, 10_000)),
                s.integer("session.settleBandGrams", 5, 0, 10_000),
                s.integer("session.settleCount", 5, 1, 1000),
                Duration.ofMillis(s.integer("session.settleTimeoutMs", 15_000, 10, 600_000)),
                Duration.ofMillis(s.integer("session.doorOpenTimeoutMs", 30_000, 10, 3_600_000)),
                Duration.ofMillis(s.integer("session.doorCloseTimeoutMs", 120_000, 10, 3_600_000)),
                Duration.ofMillis(s.integer("session.receiptWaitMs", 5_000, 0, 600_000)),
                Duration.ofSeconds(s.integer("session.blockedCardMemoryS", 86_400, 0, 31_536_000)));
        Outbox outbox = new Outbox(
                Duration.ofMillis(s.integer("outbox.resendAfterMs", 60_000, 10, 86_400_000)),
                Duration.ofMillis(s.integer("outbox.resendMaxMs", 900_000, 10, 86_400_000)),
                s.integer("outbox.maxInFlight", 20, 1, 1000),
                Duration.ofHours(s.integer("outbox.keepSettledHours", 720, 0, 87_600)),
                Duration.ofSeconds(s.integer("outbox.purgeIntervalS", 3600, 1, 86_400)),
                s.longValue("outbox.minFreeBytes", 16L * 1024 * 1024, 0, Long.MAX_VALUE),
                s.longValue("outbox.maxBytes", 0, 0, Long.MAX_VALUE));
        if (outbox.resendMax().compareTo(outbox.resendAfter()) < 0) {
            throw new ConfigException("outbox.resendMaxMs", "must be at least outbox.resendAfterMs");
        }
        Telemetry telemetry = new Telemetry(Duration.ofSeconds(s.integer("telemetry.intervalS", 60, 0, 86_400)));
        Claw clawPolicy = new Claw(s.integer("claw.gramsPerPlay", 500, 1, 1_000_000),
                s.integer("claw.maxPlaysPerDeposit", 3, 0, 100),
                s.integer("claw.offlineMinGrams", 500, 0, 1_000_000));
        Language language = Language.fromConfig(s.choice("display.language", "both", Set.of("zh", "en", "both")));
        OptionalInt port = s.optional("console.port").isPresent()
                ? OptionalInt.of(s.integer("console.port", 0, 0, 65_535)) : OptionalInt.empty();
        Console console = new Console(s.bool("console.stdin", true), port);
        ZoneId zone;
        try {
            zone = ZoneId.of(s.string("clock.zone", "Asia/Shanghai"));
        } catch (java.time.DateTimeException e) {
            throw new ConfigException("clock.zone", "is not a time zone id: " + e.getMessage());
        }
        String synced = s.choice("clock.synced", hardwareType.equals("simulated") ? "true" : "auto",
                Set.of("auto", "true", "false"));
        Clock clock = new Clock(zone, synced, s.path("clock.syncFile", "/run/systemd/timesync/synchronized"));
        return new AgentConfig(deviceId, claw, s.path("identity.dir", "/etc/kiosk"), s.path("data.dir", "/var/lib/kiosk"),
                hardwareType, material, s.string("agent.version", DEFAULT_AGENT_VERSION), mqtt, session, outbox,
                telemetry, clawPolicy, language, console, clock, s.optional("watchdog.file").map(Path::of),
                Duration.ofSeconds(s.integer("watchdog.intervalS", 10, 1, 3600)));
    }

    private static String mqttUrl(ConfigSource s) {
        String url = s.string("mqtt.url", "tcp://localhost:1883");
        if (!url.matches("^(tcp|ssl)://[^/\\s]+:[0-9]{1,5}$")) {
            throw new ConfigException("mqtt.url", "must look like tcp://host:1883 or ssl://host:8883, was '" + url + "'");
        }
        return url;
    }

    /** A copy with another MQTT URL (tests and the simulator). */
    public AgentConfig withMqttUrl(String url) {
        Mqtt m = mqtt;
        return new AgentConfig(deviceId, claw, identityDir, dataDir, hardwareType, material, agentVersion,
                new Mqtt(url, m.clientId(), m.username(), m.password(), m.caFile(), m.clientCertFile(),
                        m.clientKeyFile(), m.keepAlive(), m.connectTimeout(), m.reconnectMin(), m.reconnectMax()),
                session, outbox, telemetry, clawPolicy, language, console, clock, watchdogFile, watchdogInterval);
    }
}
