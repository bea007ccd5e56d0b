package org.carbonkiosk.simulator.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.SignedEventCodec;

/**
 * The ceiling the collector is measured against: Ed25519 verification of event signatures in
 * a tight loop with the collector's provider (BouncyCastle) and thread count, nothing else:
 * messages parsed and public keys decoded in advance, so only the signature check is timed.
 */
public final class VerifyBaseline {
    private VerifyBaseline() {
    }

    /** Verifications per second over {@code duration} on {@code threads} threads (after a short warm-up). */
    public static double verifiesPerSecond(int threads, Duration duration) throws InterruptedException {
        BouncyCastleEd25519 ed = new BouncyCastleEd25519();
        SignedEventCodec codec = new SignedEventCodec(ed);
        List<Ed25519PublicKeyParameters> keys = new ArrayList<>();
        List<CompactJws> messages = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        for (int i = 0; i < 512; i++) {
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            DepositEvent event = DepositEvent.of(new Envelope("BENCH-0001", i + 1L, now, true, "1.0.0"), "a".repeat(64),
                    Material.MIXED, 10_000, 10_820, Optional.of(now.minusDays(30)));
            String jws = codec.sign(event, 1, key.privateKey());
            keys.add(new Ed25519PublicKeyParameters(key.publicKey(), 0));
            messages.add(CompactJws.parse(jws.getBytes(StandardCharsets.US_ASCII), 8192).value());
        }
        run(ed, keys, messages, threads, Duration.ofSeconds(2)); // warm-up
        return run(ed, keys, messages, threads, duration);
    }

    /** CPU seconds one BouncyCastle verification of an event signature takes on this machine (one thread). */
    public static double cpuSecondsPerVerify() {
        BouncyCastleEd25519 ed = new BouncyCastleEd25519();
        SignedEventCodec codec = new SignedEventCodec(ed);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        List<CompactJws> messages = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            DepositEvent event = DepositEvent.of(new Envelope("BENCH-0001", i + 1L, now, true, "1.0.0"), "a".repeat(64),
                    Material.MIXED, 10_000, 10_820, Optional.of(now.minusDays(30)));
            messages.add(CompactJws.parse(codec.sign(event, 1, key.privateKey()).getBytes(StandardCharsets.US_ASCII),
                    8192).value());
        }
        Ed25519PublicKeyParameters pk = new Ed25519PublicKeyParameters(key.publicKey(), 0);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; ; round++) {
            long cpu = mx.getCurrentThreadCpuTime();
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                CompactJws m = messages.get(i % messages.size());
                if (!ed.verify(pk, m.signingInput(), m.signature())) {
                    throw new IllegalStateException("baseline signature did not verify");
                }
            }
            if (round == 1) { // the first round warms up
                return (mx.getCurrentThreadCpuTime() - cpu) / 1e9 / n;
            }
        }
    }

    private static double run(BouncyCastleEd25519 ed, List<Ed25519PublicKeyParameters> keys, List<CompactJws> messages, int threads,
                              Duration duration) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong verified = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> {
                long n = 0;
                int i = offset;
                while (!stop.get()) {
                    int k = i++ % messages.size();
                    CompactJws m = messages.get(k);
                    if (!ed.verify(keys.get(k), m.signingInput(), m.signature())) {
                        throw new IllegalStateException("baseline signature did not verify");
                    }
                    n++;
                }
                verified.addAndGet(n);
                done.countDown();
            }, "verify-baseline-" + t);
            worker.start();
        }
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        stop.set(true);
        done.await();
        return verified.get() / ((System.nanoTime() - start) / 1e9);
    }
}
