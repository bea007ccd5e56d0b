package org.carbonkiosk.provisioning.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.identity.CalibrationFile;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.SecureFiles;
import org.carbonkiosk.client.CollectorAnswer;
import org.carbonkiosk.client.RetryPolicy;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import org.carbonkiosk.provisioning.hardware.ToolHardware;
import org.carbonkiosk.provisioning.http.CollectorClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code self-test}: every part of the kiosk, as a pass/fail table. */
@Command(name = "self-test", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Check scale, card reader, broker, collector, clock and key files.",
        description = {"Checks the kiosk: secret file modes, device key, calibration age, scale, a card tap, the broker",
            "(publish and read back its status), the collector (health, enrollment) and the clock.",
            "Prints a pass/fail table; exits 1 if any check failed."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:All checks passed (or were skipped).", "1:At least one check failed.", "3:Kiosk not initialised."})
public final class SelfTestCommand extends ToolCommand {
    @Mixin
    ConfigOption config;
    @Option(names = "--collector", paramLabel = "URL", description = "Collector base URL (default: provisioning.collectorUrl).")
    String collectorUrl;
    @Option(names = "--card-timeout-seconds", defaultValue = "60", description = "How long to wait for a card tap (default ${DEFAULT-VALUE}).")
    long cardTimeoutSeconds;
    @Option(names = "--no-card", description = "Skip the card tap (e.g. reader being replaced).")
    boolean noCard;
    @Option(names = "--broker-timeout-seconds", defaultValue = "10", description = "Broker connect and round-trip time limit (default ${DEFAULT-VALUE}).")
    long brokerTimeoutSeconds;
    @Option(names = "--max-calibration-age-days", defaultValue = "365", description = "Oldest acceptable calibration (default ${DEFAULT-VALUE}).")
    long maxCalibrationAgeDays;
    @Option(names = "--max-clock-skew-seconds", defaultValue = "30", description = "Largest clock difference to the collector (default ${DEFAULT-VALUE}).")
    long maxClockSkewSeconds;

    public SelfTestCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        KioskConfig kiosk = loadConfig(config.file);
        say("Self-test of " + kiosk.deviceId() + " (" + kiosk.kioskType() + ", hardware " + kiosk.hardwareType() + ")");
        Optional<URI> collectorBase = collectorUrl != null || kiosk.collectorUrl().isPresent()
                ? Optional.of(collectorUrl(collectorUrl, Optional.of(kiosk))) : Optional.empty();
        // every API read needs a token (PROTOCOL.md 6, v1.1): the technician's, or any viewer token, from the environment
        Optional<String> readToken = Optional.ofNullable(env.variables().get(TOKEN_VARIABLE)).map(String::strip)
                .filter(t -> !t.isEmpty());
        Optional<CollectorClient> collector = collectorBase.map(b -> new CollectorClient(b, readToken,
                new RetryPolicy(2, Duration.ofMillis(500), env.retry().connectTimeout(), env.retry().requestTimeout())));
        List<Check> checks = new ArrayList<>();
        checks.add(guard("file modes", () -> fileModes(kiosk)));
        checks.add(guard("device key", () -> deviceKey(kiosk)));
        try (ToolHardware hardware = env.hardware().open(kiosk)) {
            boolean loadCell = hardware.scaleKind() == ToolHardware.ScaleKind.LOAD_CELL;
            Optional<Calibration> calibration = loadCell ? readCalibration(kiosk, checks) : Optional.empty();
            if (!loadCell) {
                checks.add(Check.skip("calibration", "the scale reports grams itself (calibrated on its terminal)"));
            }
            HardwareChecks hw = new HardwareChecks(hardware, kiosk);
            checks.add(guard("scale", () -> loadCell ? hw.scale(calibration) : hw.gramsScale()));
            checks.add(noCard ? Check.skip("card reader", "--no-card")
                    : guard("card reader", () -> hw.card(Duration.ofSeconds(cardTimeoutSeconds), this::say)));
        } catch (ProvisionException e) {
            readCalibration(kiosk, checks);
            checks.add(Check.fail("scale", e.getMessage()));
            checks.add(Check.fail("card reader", e.getMessage()));
        }
        checks.add(guard("collector", () -> collector.isPresent() ? collectorCheck(collector.get(), kiosk)
                : Check.skip("collector", "no collector URL (--collector or provisioning.collectorUrl)")));
        checks.addAll(new MqttChecks(kiosk, env.clock(), Duration.ofSeconds(brokerTimeoutSeconds)).run(probe ->
                guard("status seen", () -> collector.map(c -> statusSeen(c, kiosk, probe))
                        .orElse(Check.skip("status seen", "no collector URL")))));
        checks.add(guard("clock", () -> clock(collector)));
        printTable(checks);
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        say(failed == 0 ? "All checks passed." : failed + " check(s) FAILED: see the field guide for what to do.");
        return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private Check fileModes(KioskConfig kiosk) throws IOException {
        List<Path> secrets = new ArrayList<>();
        secrets.add(kiosk.file());
        secrets.addAll(new DeviceKeyStore(kiosk.identityDir()).keyFiles());
        secrets.add(kiosk.cardKeyFile());
        if (Files.exists(kiosk.serviceCardsFile())) {
            secrets.add(kiosk.serviceCardsFile());
        }
        List<String> problems = new ArrayList<>();
        for (Path p : secrets) {
            if (!Files.exists(p)) {
                problems.add(p + " is missing");
                continue;
            }
            try {
                SecureFiles.requireOwnerOnly(p);
            } catch (SecureFiles.InsecureFileException e) {
                problems.add(e.getMessage());
            }
        }
        return problems.isEmpty() ? Check.pass("file modes", secrets.size() + " secret files are 0600")
                : Check.fail("file modes", String.join("; ", problems));
    }

    private Check deviceKey(KioskConfig kiosk) throws IOException {
        DeviceKeyStore store = new DeviceKeyStore(kiosk.identityDir());
        Optional<DeviceKeyStore.SigningKey> key = store.active();
        if (key.isEmpty()) {
            return Check.fail("device key", "no device key in " + kiosk.identityDir() + ": run init");
        }
        String pending = store.pending().isPresent() ? "; a rotation was interrupted: run rotate-key" : "";
        return (pending.isEmpty() ? Check.pass("device key", "") : Check.fail("device key", ""))
                .withDetail("version " + key.get().keyVersion() + ", public " + key.get().keyPair().publicJwk().x() + pending);
    }

    private Optional<Calibration> readCalibration(KioskConfig kiosk, List<Check> checks) {
        try {
            Optional<Calibration> c = new CalibrationFile(kiosk.calibrationFile()).read();
            if (c.isEmpty()) {
                checks.add(Check.fail("calibration", "no " + kiosk.calibrationFile() + ": run calibrate"));
                return c;
            }
            Instant at = c.get().calibratedAt().toInstant();
            Duration age = Duration.between(at, env.clock().instant());
            String when = "calibrated " + Timestamps.format(c.get().calibratedAt()) + " (" + age.toDays() + " days ago)";
            if (age.isNegative()) {
                checks.add(Check.fail("calibration", when + ": the date is in the future; check the clock, calibrate again"));
            } else if (age.toDays() > maxCalibrationAgeDays) {
                checks.add(Check.fail("calibration", when + ": older than " + maxCalibrationAgeDays
                        + " days, deposits will be held; run calibrate"));
            } else {
                checks.add(Check.pass("calibration", when));
            }
            return c;
        } catch (IOException e) {
            checks.add(Check.fail("calibration", e.getMessage() + ": run calibrate"));
            return Optional.empty();
        }
    }

    private Check collectorCheck(CollectorClient client, KioskConfig kiosk) throws IOException {
        CollectorAnswer health = client.get("/health");
        if (health.status() != 200) {
            return Check.fail("collector", client.base() + "/health answered HTTP " + health.status() + " ("
                    + health.errorText() + ")");
        }
        CollectorAnswer device = client.device(kiosk.deviceId());
        if (device.status() == 404) {
            return Check.fail("collector", "up, but " + kiosk.deviceId() + " is not enrolled there: run enroll");
        }
        Optional<JsonNode> o = device.tree();
        if (device.status() == 401 || device.status() == 403) {
            return Check.fail("collector", "up, but reading the enrollment needs a token: set " + TOKEN_VARIABLE
                    + " (a viewer token is enough)");
        }
        if (!device.ok() || o.isEmpty()) {
            return Check.fail("collector", "up, but the enrollment cannot be read (HTTP " + device.status() + ")");
        }
        if (o.get().path("revoked").asBoolean(false)) {
            return Check.fail("collector", kiosk.deviceId() + " is REVOKED at " + client.base() + ": its events are rejected");
        }
        Optional<DeviceKeyStore.SigningKey> key = new DeviceKeyStore(kiosk.identityDir()).active();
        if (key.isEmpty()) {
            return Check.fail("collector", "no device key here to compare");
        }
        String x = key.get().keyPair().publicJwk().x();
        int version = key.get().keyVersion();
        boolean known = false;
        for (JsonNode k : o.get().path("keys")) {
            known |= k.path("keyVersion").asInt() == version && x.equals(k.path("publicKey").path("x").asText());
        }
        return known ? Check.pass("collector", "up at " + client.base() + "; " + kiosk.deviceId() + " enrolled with key"
                + " version " + version)
                : Check.fail("collector", "the collector does not have this kiosk's key version " + version
                        + ": run enroll (or finish rotate-key)");
    }

    private Check statusSeen(CollectorClient client, KioskConfig kiosk, String probeAgent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(brokerTimeoutSeconds).toNanos();
        do {
            CollectorAnswer device = client.device(kiosk.deviceId());
            boolean seen = device.ok() && device.tree().map(o -> o.path("agent").asText(""))
                    .filter(probeAgent::equals).isPresent();
            if (seen) {
                return Check.pass("status seen", "the collector received the status published through the broker");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Check.fail("status seen", "interrupted");
            }
        } while (System.nanoTime() < deadline);
        return Check.fail("status seen", "the collector did not see the kiosk's status within " + brokerTimeoutSeconds
                + " s: is the collector connected to the same broker (" + kiosk.mqttUrl() + ")?");
    }

    private Check clock(Optional<CollectorClient> collector) {
        Optional<Boolean> ntp = env.ntp().synchronised();
        if (ntp.isPresent()) {
            return ntp.get() ? Check.pass("clock", "NTP synchronised (timedatectl)")
                    : Check.fail("clock", "NTP not synchronised (timedatectl): check network time (UDP 123)");
        }
        if (collector.isEmpty()) {
            return Check.fail("clock", "cannot tell: no timedatectl and no collector to compare with");
        }
        CollectorAnswer answer = collector.get().get("/health");
        if (answer.dateHeader().isEmpty()) {
            return Check.fail("clock", "cannot tell: no timedatectl and the collector sent no Date header");
        }
        Instant theirs = ZonedDateTime.parse(answer.dateHeader().get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        long skew = Math.abs(Duration.between(theirs, env.clock().instant()).toSeconds());
        return skew <= maxClockSkewSeconds
                ? Check.pass("clock", "within " + skew + " s of the collector's clock")
                : Check.fail("clock", "differs from the collector's clock by " + skew + " s (more than "
                        + maxClockSkewSeconds + "): fix the time (NTP) before taking deposits");
    }

    private Check guard(String name, ThrowingSupplier<Check> check) {
        try {
            return check.get();
        } catch (ProvisionException e) {
            return Check.fail(name, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Check.fail(name, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void printTable(List<Check> checks) {
        say("");
        say(String.format("%-13s %-6s %s", "CHECK", "RESULT", "DETAIL"));
        for (Check c : checks) {
            say(String.format("%-13s %-6s %s", c.name(), c.status(), c.detail()));
        }
        say("");
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws IOException;
    }
}
