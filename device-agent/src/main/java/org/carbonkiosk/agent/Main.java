package org.carbonkiosk.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.console.ConsoleServer;
import org.carbonkiosk.agent.console.ControlConsole;
import org.carbonkiosk.agent.display.ConsoleDisplay;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.hardware.factory.HardwareFactory;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.identity.CalibrationFile;
import org.tinylog.Logger;

/**
 * {@code java -jar kiosk-agent.jar --config FILE}: runs the agent until SIGTERM. With
 * {@code hardware.type=simulated} it builds a {@link SimulatedKiosk} and a control console
 * (standard input, and 127.0.0.1:{@code console.port} when set). Exit codes: 0 stopped,
 * 2 bad usage or configuration, 3 identity or store unusable.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Optional<Path> configFile = parse(args);
        if (configFile.isEmpty()) {
            System.err.println("usage: java -jar kiosk-agent.jar --config /etc/kiosk/agent.properties");
            System.exit(2);
            return;
        }
        AgentConfig config;
        ConfigSource source;
        try {
            source = ConfigSource.load(configFile.get(), System.getenv());
            config = AgentConfig.from(source);
        } catch (ConfigException | UncheckedIOException e) {
            System.err.println("kiosk-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code = run(config, source);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static Optional<Path> parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
        }
        return Optional.empty();
    }

    private static int run(AgentConfig config, ConfigSource source) {
        Hardware hardware;
        SimulatedKiosk kiosk = null;
        try {
            if (config.simulated()) {
                kiosk = new SimulatedKiosk(source.integer("hardware.sim.tareGrams", 0, 0, 1_000_000));
                hardware = kiosk.hardware(config.claw());
            } else {
                Optional<Calibration> calibration = new CalibrationFile(
                        config.identityDir().resolve("calibration.json")).read();
                HardwareFactory.Built built = HardwareFactory.build(source, calibration, config.claw());
                hardware = built.hardware();
                // A bench mixing real and simulated parts gets the console for the simulated ones.
                kiosk = built.simulated().orElse(null);
            }
        } catch (ConfigException e) {
            System.err.println("kiosk-agent: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            Logger.error("hardware unavailable: {}", e.getMessage());
            return 3;
        }
        AgentApp app;
        try {
            app = AgentApp.start(config, hardware,
                    new ConsoleDisplay(new java.io.PrintStream(System.out, true, StandardCharsets.UTF_8),
                            config.language()), Clock.systemUTC());
        } catch (UncheckedIOException | IllegalStateException e) {
            Logger.error("agent cannot start deviceId={}: {}", config.deviceId(), e.getMessage());
            closeQuietly(hardware);
            return 3;
        }
        // provisioning.* keys are the technician tool's own notes in the same file.
        source.warnUnknownKeys(Set.of("provisioning."), "this agent");
        ConsoleServer console = null;
        if (kiosk != null) {
            console = new ConsoleServer(new ControlConsole(kiosk, app::status));
            if (config.console().stdin()) {
                console.serveStream(System.in, System.out);
            }
            if (config.console().port().isPresent()) {
                try {
                    console.listen(config.console().port().getAsInt());
                } catch (IOException e) {
                    Logger.error("control console port {}: {}", config.console().port().getAsInt(), e.getMessage());
                }
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ConsoleServer consoleToClose = console;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Logger.info("shutting down deviceId={}", config.deviceId());
            if (consoleToClose != null) {
                consoleToClose.close();
            }
            app.close();
            closeQuietly(hardware);
            stopped.countDown();
        }, "kiosk-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void closeQuietly(Hardware hardware) {
        try {
            hardware.close();
        } catch (Exception e) {
            Logger.warn("closing hardware: {}", e.getMessage());
        }
    }
}
