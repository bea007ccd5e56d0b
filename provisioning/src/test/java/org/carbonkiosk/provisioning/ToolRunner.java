package org.carbonkiosk.provisioning;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.client.RetryPolicy;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.provisioning.app.Tool;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.hardware.NtpProbe;
import org.carbonkiosk.provisioning.hardware.SimulatedLoadCell;
import org.carbonkiosk.provisioning.hardware.SimulatedToolHardware;
import org.carbonkiosk.provisioning.prompt.NonInteractivePrompter;
import org.carbonkiosk.provisioning.prompt.Prompter;
import picocli.CommandLine;

/** Runs the tool as a technician would, through picocli, with captured output and simulated hardware. */
public final class ToolRunner {
    public static final Instant NOW = Instant.parse("2026-11-21T02:00:00Z");
    public static final String CARD_KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private final Path dir;
    private final SimulatedToolHardware hardware = new SimulatedToolHardware(SimulatedLoadCell.typical(), true);
    private final Map<String, String> variables = new HashMap<>();
    private Prompter prompter = new NonInteractivePrompter();
    private boolean systemHardware;
    private InitStep.Observer observer = InitStep.Observer.NONE;
    private Optional<Boolean> ntp = Optional.of(true);
    private Clock clock = Clock.fixed(NOW, Timestamps.SHANGHAI);
    private String mqttUrl = "tcp://127.0.0.1:1883";
    private Optional<String> collectorUrl = Optional.empty();

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public ToolRunner(Path dir) {
        this.dir = dir;
    }

    public Path config() {
        return dir.resolve("etc/agent.properties");
    }

    public Path identityDir() {
        return dir.resolve("etc/identity");
    }

    public Path dataDir() {
        return dir.resolve("var");
    }

    public SimulatedToolHardware hardware() {
        return hardware;
    }

    public ToolRunner prompter(Prompter p) {
        this.prompter = p;
        return this;
    }

    public ToolRunner observer(InitStep.Observer o) {
        this.observer = o;
        return this;
    }

    public ToolRunner ntp(Optional<Boolean> synced) {
        this.ntp = synced;
        return this;
    }

    public ToolRunner clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** Use the tool's real hardware provider (hardware.type decides) instead of the test's simulated kit. */
    public ToolRunner systemHardware() {
        this.systemHardware = true;
        return this;
    }

    public ToolRunner mqttUrl(String url) {
        this.mqttUrl = url;
        return this;
    }

    public ToolRunner collectorUrl(String url) {
        this.collectorUrl = Optional.of(url);
        return this;
    }

    public ToolRunner variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public Environment environment() {
        NtpProbe probe = () -> ntp;
        return new Environment(prompter, Map.copyOf(variables), clock,
                systemHardware ? new org.carbonkiosk.provisioning.hardware.SystemHardwareProvider() : config -> hardware,
                new RetryPolicy(2, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(10)), probe, observer);
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Tool.commandLine(environment());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** init with every value as a flag (a script), plus extra flags. */
    public Result init(String deviceId, String... extra) {
        String[] base = {"init", "--config", config().toString(), "--device-id", deviceId, "--kiosk-type", "recycling-box",
            "--identity-dir", identityDir().toString(), "--data-dir", dataDir().toString(),
            "--mqtt-url", mqttUrl, "--mqtt-password", "a-long-mqtt-password", "--hardware-type", "simulated",
            "--card-key-hex", CARD_KEY_HEX, "--location", "Wuhan, Hongshan Rd 1"};
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(base));
        collectorUrl.ifPresent(u -> all.addAll(java.util.List.of("--collector", u)));
        all.addAll(java.util.List.of(extra));
        return run(all.toArray(new String[0]));
    }

    /** calibrate with fast sampling. */
    public Result calibrate(String... extra) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("calibrate", "--config",
                config().toString(), "--interval-ms", "0"));
        all.addAll(java.util.List.of(extra));
        if (!all.contains("--wait-seconds")) {
            all.addAll(java.util.List.of("--wait-seconds", "1"));
        }
        return run(all.toArray(new String[0]));
    }
}
