package org.carbonkiosk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The ratios of {@link Ed25519Benchmark}, measured so that a shared, busy machine does not
 * decide them: short blocks of each operation, interleaved in a shuffled order round after
 * round, timed by the thread's CPU time (a preempted thread does not count the time it waits).
 * Each ratio is the median over rounds of the ratio within a round. Run after the JMH run:
 * <pre>java -cp bench/target/benchmarks.jar org.carbonkiosk.bench.InterleavedRatios [rounds]</pre>
 */
public final class InterleavedRatios {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static long sink;

    private record Op(String provider, String name, int batch, BooleanSupplier body) {
        String key() {
            return name + "/" + provider;
        }
    }

    private InterleavedRatios() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Ed25519Benchmark jdk = state("jdk");
        Ed25519Benchmark bc = state("bouncycastle");
        List<Op> ops = List.of(
                new Op("jdk", "sign", 40, () -> jdk.sign().length == 64),
                new Op("jdk", "verify", 40, jdk::verify),
                new Op("jdk", "decodeAndVerify", 40, jdk::decodeAndVerify),
                new Op("jdk", "decode", 4000, () -> jdk.decode().isOk()),
                new Op("bouncycastle", "sign", 400, () -> bc.sign().length == 64),
                new Op("bouncycastle", "verify", 300, bc::verify),
                new Op("bouncycastle", "decodeAndVerify", 300, bc::decodeAndVerify),
                new Op("bouncycastle", "decode", 4000, () -> bc.decode().isOk()));
        Random random = new Random(1);
        // warm-up: JIT compilation of every path
        for (int r = 0; r < 10; r++) {
            for (Op op : ops) {
                nanosPerOp(op);
            }
        }
        java.util.Map<String, List<Double>> perRound = new java.util.TreeMap<>();
        java.util.Map<String, List<Double>> nanos = new java.util.TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            List<Op> order = new ArrayList<>(ops);
            Collections.shuffle(order, random);
            java.util.Map<String, Double> t = new java.util.HashMap<>();
            for (Op op : order) {
                double ns = nanosPerOp(op);
                t.put(op.key(), ns);
                nanos.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(ns);
            }
            for (String p : List.of("jdk", "bouncycastle")) {
                // throughput ratio = time ratio inverted
                add(perRound, "decodeAndVerify/verify " + p, t.get("verify/" + p) / t.get("decodeAndVerify/" + p));
                add(perRound, "decode share of decodeAndVerify " + p, t.get("decode/" + p) / t.get("decodeAndVerify/" + p));
            }
            add(perRound, "bouncycastle/jdk sign", t.get("sign/jdk") / t.get("sign/bouncycastle"));
            add(perRound, "bouncycastle/jdk verify", t.get("verify/jdk") / t.get("verify/bouncycastle"));
        }
        System.out.printf(Locale.ROOT, "CPU time per operation, median of %d rounds (min .. max):%n", rounds);
        nanos.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-30s %10.1f us  (%.1f .. %.1f)  = %.0f ops/s%n",
                k, median(v) / 1000, min(v) / 1000, max(v) / 1000, 1e9 / median(v)));
        System.out.println("Ratios of throughput, median of the per-round ratios (min .. max):");
        perRound.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-40s %6.3f  (%.3f .. %.3f)%n",
                k, median(v), min(v), max(v)));
        System.out.println("(sink " + (sink & 1) + ")");
    }

    private static Ed25519Benchmark state(String provider) {
        Ed25519Benchmark b = new Ed25519Benchmark();
        b.provider = provider;
        b.setUp();
        return b;
    }

    private static double nanosPerOp(Op op) {
        long start = CPU.getCurrentThreadCpuTime();
        long ok = 0;
        for (int i = 0; i < op.batch(); i++) {
            if (op.body().getAsBoolean()) {
                ok++;
            }
        }
        long cpu = CPU.getCurrentThreadCpuTime() - start;
        if (ok != op.batch()) {
            throw new IllegalStateException(op.key() + " failed");
        }
        sink += ok;
        return (double) cpu / op.batch();
    }

    private static void add(java.util.Map<String, List<Double>> m, String k, double v) {
        m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

}
