package org.carbonkiosk.agent.crash;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.carbonkiosk.agent.AgentApp;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.display.ConsoleDisplay;
import org.carbonkiosk.agent.display.Language;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;

/**
 * A child JVM for crash tests: starts the agent, makes one deposit, prints {@code COMMITTED seq=N}
 * once it is in the outbox, then waits to be killed (never shuts down by itself).
 * Args: config file, card UID (hex), grams; grams {@code open} stops with the door unlocked and
 * prints {@code UNLOCKED} (a session in progress when the power goes).
 */
public final class AgentChildMain {
    private AgentChildMain() {
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config = AgentConfig.from(ConfigSource.load(Path.of(args[0]), Map.of()));
        SimulatedKiosk kiosk = new SimulatedKiosk(10_000);
        AgentApp app = AgentApp.start(config, kiosk.hardware(false), new ConsoleDisplay(System.out, Language.BOTH),
                Clock.systemUTC());
        long before = app.lastSeq();
        kiosk.tap(HexFormat.of().parseHex(args[1]));
        waitFor(kiosk::isUnlocked);
        if (args[2].equals("open")) {
            kiosk.add(450);
            System.out.println("UNLOCKED");
            System.out.flush();
            while (true) {
                Thread.sleep(1000);
            }
        }
        kiosk.add(Integer.parseInt(args[2]));
        kiosk.closeDoor();
        waitFor(() -> app.lastSeq() > before);
        System.out.println("COMMITTED seq=" + app.lastSeq());
        System.out.flush();
        while (true) {
            Thread.sleep(1000);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.println("TIMEOUT");
                System.exit(9);
            }
            Thread.sleep(5);
        }
    }
}
