package org.carbonkiosk.simulator.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.carbonkiosk.simulator.Logging;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaos}: seeded fault schedules over the real agent and collector code; after each,
 * the invariants against the ground truth. A failing seed prints the line that replays it. The
 * last line is {@code chaos: N seeds passed} (and how many failed); the exit status is 0 only
 * when every seed passed.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Runs seeded fault schedules (kills, broker resets, link cuts, ledger faults, key rotations) "
                + "on the real agent, broker and collector and checks the invariants after each.")
public final class ChaosCommand implements Callable<Integer> {

    /** Which seeds: one, a range, or as many as fit in a time budget. */
    static final class Seeds {
        @Option(names = "--seed", description = "run this one seed (to replay a failure)")
        Long seed;

        @Option(names = "--seeds", description = "run a range of seeds, e.g. 1-200")
        String range;

        @Option(names = "--budget", description = "run seeds from --first on until this much time is used, e.g. 10m, 90s, 8h")
        String budget;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Seeds seeds;

    @Option(names = "--first", description = "first seed of a --budget run (default ${DEFAULT-VALUE})", defaultValue = "1")
    long first;

    @Option(names = "--data-dir", description = "folder for the seeds' data and logs/chaos.log (default: data/chaos-<time>)")
    Path dataDir;

    @Option(names = "--keep", description = "keep the data of passing seeds too (failing seeds' data is always kept)")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir
                : Path.of("data", "chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Logging.toFile(dir.resolve("logs/chaos.log"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("chaos: data and logs in " + dir.toAbsolutePath());
        long passed = 0;
        long failed = 0;
        long started = System.nanoTime();
        Duration longest = Duration.ZERO;
        long from = seeds.seed != null ? seeds.seed : seeds.range != null ? rangeStart(seeds.range) : first;
        long to = seeds.seed != null ? seeds.seed : seeds.range != null ? rangeEnd(seeds.range) : Long.MAX_VALUE;
        Duration budget = seeds.budget != null ? parseDuration(seeds.budget) : null;
        for (long seed = from; seed <= to; seed++) {
            if (budget != null && Duration.ofNanos(System.nanoTime() - started).plus(longest).compareTo(budget) > 0) {
                break;
            }
            Path seedDir = dir.resolve("seed-" + seed);
            ChaosResult result = ChaosRun.run(ChaosSchedule.draw(seed), seedDir);
            longest = result.elapsed().compareTo(longest) > 0 ? result.elapsed() : longest;
            if (result.passed()) {
                passed++;
                out.printf(Locale.ROOT, "seed %d: passed in %.1f s, %d deposits, %d faults, decisions %s%n", seed,
                        result.elapsed().toMillis() / 1000.0, result.deposits(), result.schedule().faults().size(),
                        result.decisionDigest());
                if (!keep) {
                    deleteTree(seedDir);
                }
            } else {
                failed++;
                out.printf("seed %d: FAILED%n", seed);
                result.schedule().describe().forEach(line -> out.println("  " + line));
                result.violations().forEach(v -> out.println("  violated: " + v));
                out.println("  replay: " + result.replayLine() + "   (data: " + seedDir.toAbsolutePath() + ")");
            }
        }
        out.printf(Locale.ROOT, "chaos: %d seeds passed%s in %.0f s%n", passed, failed > 0 ? ", " + failed + " FAILED" : "",
                (System.nanoTime() - started) / 1e9);
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    private static long rangeStart(String range) {
        return Long.parseLong(range.split("-", 2)[0].trim());
    }

    private static long rangeEnd(String range) {
        String[] parts = range.split("-", 2);
        return Long.parseLong((parts.length == 2 ? parts[1] : parts[0]).trim());
    }

    /** {@code 90s}, {@code 10m}, {@code 8h}, or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long n = t.length() > 1 && Character.isDigit(t.charAt(0)) ? Long.parseLong(t.substring(0, t.length() - 1)) : -1;
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.parse(text);
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
