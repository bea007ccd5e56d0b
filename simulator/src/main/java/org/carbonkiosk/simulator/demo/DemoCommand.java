package org.carbonkiosk.simulator.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.carbonkiosk.agent.identity.SecureFiles;
import org.carbonkiosk.simulator.Logging;
import org.carbonkiosk.simulator.fraud.FraudAttempt;
import org.carbonkiosk.simulator.report.HtmlReport;
import org.carbonkiosk.simulator.report.RunSummary;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.ScenarioSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a simulated month on the real system (embedded broker, collector on SQLite,
 * stub ledger, about 20 real device agents on simulated kiosks), reconciled against the
 * simulator's ground truth. The last line printed is the reconciliation result; the exit
 * status is 0 only when everything matches.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a simulated month across a month boundary on the real agent, broker and collector, "
                + "then reconciles the ledger against the simulator's ground truth.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seed", description = "seed of the residents and their month (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--kiosks", description = "kiosks (default ${DEFAULT-VALUE})", defaultValue = "20")
    int kiosks;

    @Option(names = "--residents", description = "residents (default ${DEFAULT-VALUE})", defaultValue = "220")
    int residents;

    @Option(names = "--days", description = "simulated days from 2026-11-16 (default ${DEFAULT-VALUE})", defaultValue = "30")
    int days;

    @Option(names = "--data-dir", description = "fresh folder for the run's database, kiosks, logs and report (default: data/demo-<time>)")
    Path dataDir;

    @Option(names = "--mqtt-port", description = "broker port, if free; else any free port (default ${DEFAULT-VALUE})", defaultValue = "1883")
    int mqttPort;

    @Option(names = "--http-port", description = "collector API port, if free; else any free port (default ${DEFAULT-VALUE})", defaultValue = "8080")
    int httpPort;

    @Option(names = "--exit", description = "stop at once after the reconciliation instead of keeping the collector API up")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir
                : Path.of("data", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Logging.toFile(dir.resolve("logs/simulator.log"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ScenarioSettings settings = ScenarioSettings.demo(seed).withSize(kiosks, residents, days);
        Plan plan = Plan.of(settings);
        out.printf("Carbon Kiosk demo: %d kiosks, %d residents, %s to %s (Asia/Shanghai), seed %d, %d planned deposits%n",
                kiosks, residents, settings.start().toLocalDate(), settings.start().plusDays(days).toLocalDate(), seed,
                plan.depositCount());
        out.println("data and logs: " + dir.toAbsolutePath() + " (logs/simulator.log, logs/broker.log)");
        SimulationRun run = SimulationRun.prepare(plan, dir, mqttPort, httpPort);
        Environment env = run.environment();
        Path tokenFile = dir.resolve("admin.token");
        SecureFiles.writeSecret(tokenFile, (env.collector().adminToken() + "\n").getBytes(StandardCharsets.US_ASCII));
        out.printf("broker %s, collector http://127.0.0.1:%d, stub ledger %s%n", env.brokerUrl(),
                env.collector().httpPort(), env.ledger().url());
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        RunSummary summary;
        try {
            summary = run.run(bar::show);
        } catch (RuntimeException | InterruptedException e) {
            bar.done();
            run.close();
            throw e;
        }
        bar.done();
        run.stopFleet();
        print(out, summary);
        Path report = HtmlReport.write(summary, dir.resolve("report.html"));
        out.println("report: " + report.toAbsolutePath());
        if (!exit) {
            out.printf("collector API stays up for exploring: http://127.0.0.1:%d/api/devices, /metrics; "
                    + "admin token in %s; Ctrl-C to stop%n", env.collector().httpPort(), tokenFile.toAbsolutePath());
            out.printf("dashboard: http://127.0.0.1:%d/ (sign in with the token in %s; docs/operator-guide.md)%n",
                    env.collector().httpPort(), tokenFile.toAbsolutePath());
        }
        out.println(summary.reconciliation().summaryLine());
        if (exit) {
            run.close();
        } else {
            int status = summary.ok() ? 0 : 1;
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                run.close();
                stopped.countDown();
                // Ctrl-C ends the demo with its verdict as exit status, not the signal's 130
                try {
                    org.tinylog.provider.ProviderRegistry.getLoggingProvider().shutdown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(status);
            }));
            stopped.await();
        }
        return summary.ok() ? 0 : 1;
    }

    private static void print(PrintStream out, RunSummary s) {
        out.println();
        s.facts().forEach((k, v) -> out.printf("%-18s %s%n", k + ":", v));
        out.printf("%-18s %s%n", "real time:", format(s.realDuration()));
        out.printf("%-18s %s%n", "decisions:", new java.util.TreeMap<>(s.decisionsByReason()));
        out.printf("%-18s %s%n", "ledger:", s.ledger());
        for (FraudAttempt f : s.fraud()) {
            out.printf("fraud %-17s %-16s -> %s (%s)%n", f.kind(), f.eventId(), f.outcome(),
                    f.refused() ? "refused" : "CREDITED");
        }
        s.ledgerViolations().forEach(v -> out.println("LEDGER PROTOCOL VIOLATION: " + v));
        out.println();
        out.print(s.reconciliation().table(8));
    }

    private static String format(Duration d) {
        return "%d min %02d s".formatted(d.toMinutes(), d.toSecondsPart());
    }
}
