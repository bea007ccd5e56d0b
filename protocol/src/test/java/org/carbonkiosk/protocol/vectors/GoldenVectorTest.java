package org.carbonkiosk.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;
import org.carbonkiosk.protocol.TestKeys;
import org.carbonkiosk.protocol.event.EventType;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.Ed25519;
import org.carbonkiosk.protocol.jws.JdkEd25519;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.jws.SignedEventCodec.DecodedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every checked-in golden vector (src/test/resources/vectors) through the decoder. */
class GoldenVectorTest {
    private static final List<Ed25519> PROVIDERS = List.of(new JdkEd25519(), new BouncyCastleEd25519());

    static Stream<Vector> vectors() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenVectorTest.class.getResource("/vectors").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            return sorted.stream().map(p -> {
                try {
                    String name = p.getFileName().toString().replaceFirst("\\.json$", "");
                    return Vector.parse(name, Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decode_goldenVector_givesTheExpectedOutcome(Vector vector) {
        for (Ed25519 provider : PROVIDERS) {
            // given
            SignedEventCodec codec = new SignedEventCodec(provider);
            // when
            DecodeResult<DecodedEvent> result = codec.decode(vector.message());
            // then
            if (vector.ok().isPresent()) {
                Vector.Ok ok = vector.ok().get();
                assertThat(result.isOk()).as("%s: %s", vector.name(), result).isTrue();
                DecodedEvent decoded = result.value();
                assertThat(decoded.event().type().wire()).isEqualTo(ok.type());
                assertThat(decoded.event().eventId()).isEqualTo(ok.eventId());
                assertThat(codec.verify(decoded, TestKeys.publicKey()))
                        .as("%s verifies with %s", vector.name(), provider.getClass().getSimpleName())
                        .isEqualTo(ok.verifies());
            } else {
                assertThat(result).as(vector.name()).isInstanceOf(DecodeResult.Malformed.class);
                assertThat(((DecodeResult.Malformed<DecodedEvent>) result).reason().code())
                        .as("%s: %s", vector.name(), result).isEqualTo(vector.malformed().orElseThrow());
            }
        }
    }

    @Test
    void vectors_coverEveryMalformedReasonAndEveryEventType() throws Exception {
        // given
        List<Vector> all = vectors().toList();
        // when
        Set<String> reasons = all.stream().flatMap(v -> v.malformed().stream()).collect(Collectors.toSet());
        Set<String> types = all.stream().flatMap(v -> v.ok().stream()).map(Vector.Ok::type).collect(Collectors.toSet());
        // then
        assertThat(reasons).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(MalformedReason.values()).map(MalformedReason::code).toList());
        assertThat(types).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(EventType::wire).toList());
    }

    @Test
    void generator_reproducesTheCheckedInFilesByteForByte() throws Exception {
        // given: the checked-in files are the source of truth; the generator must still agree with them
        Path dir = Path.of(GoldenVectorTest.class.getResource("/vectors").toURI());
        // when
        List<Vector> generated = VectorGenerator.generate();
        // then
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(generated.stream().map(v -> v.name() + ".json").sorted().toList());
        }
        for (Vector v : generated) {
            assertThat(new String(Files.readAllBytes(dir.resolve(v.name() + ".json")), java.nio.charset.StandardCharsets.UTF_8))
                    .as(v.name()).isEqualTo(new String(v.toJson(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void testKey_publicKeyInTheFileIsThePrivateSeedsPublicKey() {
        assertThat(new BouncyCastleEd25519().publicKeyOf(TestKeys.privateKey())).isEqualTo(TestKeys.publicKey());
    }
}
