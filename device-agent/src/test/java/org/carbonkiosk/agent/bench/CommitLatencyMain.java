package org.carbonkiosk.agent.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * Sign-and-commit latency: N deposits through {@link Outbox#append} (seq taken, event signed,
 * row stored, one SQLite transaction with synchronous=FULL in WAL mode), each timed. Also times
 * signing alone. Args: identity folder, data folder, N (after N/10 warm-up events).
 */
public final class CommitLatencyMain {
    private CommitLatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(Path.of(args[0])).active().orElseThrow();
        EventSigner signer = new EventSigner("BENCH-0001", key, SignedEventCodec.standard(), Clock.systemUTC(),
                Timestamps.SHANGHAI, () -> true, "1.0.0");
        int n = Integer.parseInt(args[2]);
        String card = "e".repeat(64);
        try (Outbox outbox = Outbox.open(Path.of(args[1]).resolve("outbox.db"), System::currentTimeMillis)) {
            for (int i = 0; i < n / 10; i++) {
                int g = i;
                outbox.append(seq -> signer.deposit(seq, card, Material.MIXED, 1000, 1000 + g, Optional.empty()),
                        false, Optional.empty());
            }
            long[] commit = new long[n];
            for (int i = 0; i < n; i++) {
                int g = i;
                long t0 = System.nanoTime();
                outbox.append(seq -> signer.deposit(seq, card, Material.MIXED, 1000, 1000 + g, Optional.empty()),
                        false, Optional.empty());
                commit[i] = System.nanoTime() - t0;
            }
            long[] sign = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                signer.deposit(i + 1, card, Material.MIXED, 1000, 1000 + i, Optional.empty());
                sign[i] = System.nanoTime() - t0;
            }
            report("sign+commit", commit);
            report("sign only  ", sign);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms mean=%.3f ms%n", what, s.length,
                ms(s, 0.50), ms(s, 0.90), ms(s, 0.99), s[s.length - 1] / 1e6,
                Arrays.stream(s).average().orElse(0) / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
