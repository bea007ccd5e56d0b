package org.carbonkiosk.bench;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.jws.Ed25519;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.JdkEd25519;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 with each provider: raw sign, raw verify, and the collector's full path for one
 * received deposit event (strict decode of the JWS, header and payload, then verify).
 * The raw verify and the decode+verify benchmarks verify the same signing input with the
 * same key, so their ratio is the cost of decoding.
 *
 * <pre>java -jar bench/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Ed25519Benchmark {

    /** The Ed25519 implementation under test. */
    @Param({"jdk", "bouncycastle"})
    public String provider;

    private Ed25519 ed25519;
    private SignedEventCodec codec;
    private byte[] privateKey;
    private byte[] publicKey;
    private byte[] message;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void setUp() {
        ed25519 = provider.equals("jdk") ? new JdkEd25519() : new BouncyCastleEd25519();
        codec = new SignedEventCodec(ed25519);
        // a fixed key: the same work on every run
        Ed25519KeyPair keys = Ed25519KeyPair.fromPrivateKey(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        privateKey = keys.privateKey();
        publicKey = keys.publicKey();
        DepositEvent event = depositEvent();
        message = codec.sign(event, 1, privateKey).getBytes(StandardCharsets.US_ASCII);
        CompactJws jws = CompactJws.parse(message, Integer.MAX_VALUE).value();
        signingInput = jws.signingInput();
        signature = jws.signature();
        if (!ed25519.verify(publicKey, signingInput, signature) || !decodeAndVerify()) {
            throw new IllegalStateException("the benchmark's event does not verify");
        }
    }

    /** A deposit whose payload is about 400 bytes (all members, with calibratedAt). */
    static DepositEvent depositEvent() {
        Envelope envelope = new Envelope("WH-HS-0001", 4_211_042L,
                OffsetDateTime.parse("2026-11-21T09:12:33.120+08:00"), true, "1.0.0+build.20261121.rpi4-arm64");
        return DepositEvent.of(envelope, "9f2c4e6a8b0d1f3e5c7a9b1d3f5e7c9a0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0e",
                Material.MIXED, 10_234, 11_054, Optional.of(OffsetDateTime.parse("2026-10-02T10:00:00.000+08:00")));
    }

    /** Size of the payload JSON and of the whole JWS, for the report. */
    public static void main(String[] args) {
        Ed25519Benchmark b = new Ed25519Benchmark();
        b.provider = "bouncycastle";
        b.setUp();
        System.out.println("payload bytes: " + EventCodec.encode(depositEvent()).length
                + ", JWS bytes: " + b.message.length);
    }

    @Benchmark
    public byte[] sign() {
        return ed25519.sign(privateKey, signingInput);
    }

    @Benchmark
    public boolean verify() {
        return ed25519.verify(publicKey, signingInput, signature);
    }

    /** Decoding alone (no signature check): what decode+verify adds to verify. */
    @Benchmark
    public DecodeResult<SignedEventCodec.DecodedEvent> decode() {
        return codec.decode(message);
    }

    @Benchmark
    public boolean decodeAndVerify() {
        DecodeResult<SignedEventCodec.DecodedEvent> decoded = codec.decode(message);
        return decoded.isOk() && codec.verify(decoded.value(), publicKey);
    }
}
