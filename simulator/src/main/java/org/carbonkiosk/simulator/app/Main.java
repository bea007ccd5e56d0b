package org.carbonkiosk.simulator.app;

import org.carbonkiosk.simulator.chaos.ChaosCommand;
import org.carbonkiosk.simulator.demo.DemoCommand;
import org.carbonkiosk.simulator.integrity.FraudsCommand;
import org.carbonkiosk.simulator.ledger.LedgerCommand;
import org.carbonkiosk.simulator.load.BrokerCommand;
import org.carbonkiosk.simulator.load.LoadCommand;
import org.carbonkiosk.simulator.load.WorstDayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar kiosk-simulator.jar demo | chaos | load | worstday | ledger | broker | frauds}. */
@Command(name = "kiosk-simulator", mixinStandardHelpOptions = true, version = "kiosk-simulator 1.0.0",
        description = "Simulated kiosk fleet on the real agent and collector, stub ledger, load generator.",
        subcommands = {DemoCommand.class, ChaosCommand.class, LoadCommand.class, WorstDayCommand.class, LedgerCommand.class,
                BrokerCommand.class, FraudsCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // HiveMQ CE needs logback as the SLF4J provider; the jar also carries tinylog's.
        System.setProperty("slf4j.provider", "ch.qos.logback.classic.spi.LogbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("logback.configurationFile", "logback-simulator.xml");
        int code = new CommandLine(new Main()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
