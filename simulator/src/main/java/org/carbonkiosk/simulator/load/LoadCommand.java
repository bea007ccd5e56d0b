package org.carbonkiosk.simulator.load;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.carbonkiosk.simulator.Logging;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code load}: signed events at a running collector through its broker; prints accepted events
 * per second and latency percentiles, optionally next to the verify-only baseline.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Drives signed deposit events at a collector through a broker and measures accepted events per second and publish->receipt latency.")
public final class LoadCommand implements Callable<Integer> {
    @Mixin
    CollectorTarget target;

    @Option(names = "--count", description = "events to publish (default ${DEFAULT-VALUE})", defaultValue = "5000")
    int count;

    @Option(names = "--rate", description = "events per second; 0 = as fast as accepted (default ${DEFAULT-VALUE})", defaultValue = "0")
    double rate;

    @Option(names = "--devices", description = "simulated device keys (default ${DEFAULT-VALUE})", defaultValue = "50")
    int devices;

    @Option(names = "--publishers", description = "MQTT connections publishing (default ${DEFAULT-VALUE})", defaultValue = "4")
    int publishers;

    @Option(names = "--max-in-flight", description = "events awaiting a receipt at most, at rate 0 (default ${DEFAULT-VALUE})", defaultValue = "1000")
    int maxInFlight;

    @Option(names = "--warmup", description = "events sent first and not measured (default ${DEFAULT-VALUE})", defaultValue = "1000")
    int warmup;

    @Option(names = "--baseline-threads", description = "also run the verify-only loop on this many threads (0 = skip)", defaultValue = "0")
    int baselineThreads;

    @Option(names = "--baseline-seconds", description = "length of the verify-only loop (default ${DEFAULT-VALUE})", defaultValue = "10")
    int baselineSeconds;

    @Option(names = "--p99-at-fraction", description = "after the max run, also run at this fraction of the measured rate and report its p99 (0 = skip)", defaultValue = "0")
    double p99Fraction;

    @Override
    public Integer call() throws Exception {
        Logging.toConsole("warn");
        CollectorClient collector = target.client();
        LoadGenerator generator = new LoadGenerator(target.mqttUrl, collector, devices, publishers);
        Duration patience = Duration.ofSeconds(60);
        if (warmup > 0) {
            LoadResult w = generator.run(generator.prepare(warmup), 0, maxInFlight, patience);
            System.out.println("warm-up: " + w.describe());
        }
        LoadResult result = generator.run(generator.prepare(count), rate, maxInFlight, patience);
        System.out.println("load: " + result.describe());
        System.out.printf("accepted_per_second=%.1f%n", result.acceptedPerSecond());
        if (p99Fraction > 0) {
            double lowRate = result.acceptedPerSecond() * p99Fraction;
            int lowCount = (int) Math.max(200, Math.min(count, lowRate * 30));
            LoadResult low = generator.run(generator.prepare(lowCount), lowRate, maxInFlight, patience);
            System.out.println("load at " + Math.round(p99Fraction * 100) + "%: " + low.describe());
            System.out.printf("p99_ms_at_fraction=%.1f%n", low.p99Ms());
        }
        if (baselineThreads > 0) {
            double verifies = VerifyBaseline.verifiesPerSecond(baselineThreads, Duration.ofSeconds(baselineSeconds));
            System.out.printf("verify-only loop (BouncyCastleEd25519, %d threads): %.1f verifies/s%n", baselineThreads, verifies);
            System.out.printf("verify_per_second=%.1f%n", verifies);
            System.out.printf("ratio=%.3f%n", result.acceptedPerSecond() / verifies);
        }
        return result.accepted() == result.published() ? 0 : 1;
    }
}
