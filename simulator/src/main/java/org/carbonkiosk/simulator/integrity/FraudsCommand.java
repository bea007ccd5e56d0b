package org.carbonkiosk.simulator.integrity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.carbonkiosk.simulator.Logging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frauds}: the fraud trial and its detection table. */
@Command(name = "frauds", mixinStandardHelpOptions = true,
        description = "Inject every integrity fraud alongside honest residents and print the detection table")
public final class FraudsCommand implements Callable<Integer> {
    @Option(names = "--seed", description = "seed of the trial (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--kiosks", description = "kiosks, at least 4 (default ${DEFAULT-VALUE})", defaultValue = "12")
    int kiosks;

    @Option(names = "--residents", description = "residents per kiosk (default ${DEFAULT-VALUE})", defaultValue = "10")
    int residents;

    @Option(names = "--days", description = "days (default ${DEFAULT-VALUE})", defaultValue = "14")
    int days;

    @Option(names = "--frauds", description = "injections of each per-deposit fraud (default ${DEFAULT-VALUE})",
            defaultValue = "10")
    int frauds;

    @Option(names = "--data-dir", description = "fresh folder for the run (default: data/frauds-<time>)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir
                : Path.of("data", "frauds-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir.resolve("logs"));
        Logging.toFile(dir.resolve("logs/simulator.log"));
        System.out.println("fraud trial: running, the collector's log goes to " + dir.resolve("logs/simulator.log"));
        DetectionTable table = FraudTrial.run(new FraudTrial.Settings(seed, kiosks, residents, days, frauds), dir);
        String text = table.render();
        System.out.print(text);
        Files.writeString(dir.resolve("detection-table.txt"), text);
        return table.everyFraudHeld() ? 0 : 1;
    }
}
