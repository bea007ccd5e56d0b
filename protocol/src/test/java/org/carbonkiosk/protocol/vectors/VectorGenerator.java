package org.carbonkiosk.protocol.vectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.TestEvents;
import org.carbonkiosk.protocol.TestKeys;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.jws.Base64Url;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.jws.EventHeader;

/**
 * Writes the golden vectors. The checked-in files under src/test/resources/vectors are the
 * source of truth; this only regenerates them (Ed25519 is deterministic, so a rerun gives the
 * same bytes, which {@code GoldenVectorTest} checks). From the repository root:
 * <pre>
 * mvn -q -o -pl protocol test-compile org.codehaus.mojo:exec-maven-plugin:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.carbonkiosk.protocol.vectors.VectorGenerator \
 *   -Dexec.args=protocol/src/test/resources/vectors
 * </pre>
 */
public final class VectorGenerator {
    static final String HEADER = "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}";
    private final byte[] key = TestKeys.privateKey();
    private final List<Vector> vectors = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: VectorGenerator <vectors directory>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Vector v : generate()) {
            Files.write(dir.resolve(v.name() + ".json"), v.toJson());
        }
        System.out.println("wrote " + generate().size() + " vectors to " + dir.toAbsolutePath());
    }

    /** Every vector, in a fixed order. */
    public static List<Vector> generate() {
        VectorGenerator g = new VectorGenerator();
        g.valid();
        g.compactForm();
        g.header();
        g.payload();
        return g.vectors;
    }

    private void valid() {
        ok("ok-deposit", "the deposit of PROTOCOL.md section 4", TestEvents.deposit());
        ok("ok-deposit-without-calibration", "a deposit without the optional calibratedAt",
                TestEvents.depositWithoutCalibration());
        ok("ok-deposit-negative-net", "netGrams below zero (items removed) is reported, not refused; clockSynced false",
                TestEvents.negativeNetDeposit());
        ok("ok-claw-play", "claw-play with plays and forEventId", TestEvents.clawPlay());
        ok("ok-prize", "prize with a chute slot", TestEvents.prize());
        ok("ok-door-forced", "door-forced: the envelope only", TestEvents.doorForced());
        ok("ok-tamper", "tamper: the envelope only", TestEvents.tamper());
        ok("ok-bin-emptied", "bin-emptied (v1.1) with removedGrams, the hauler's card and binGramsAfter",
                TestEvents.binEmptied());
        okPayload("ok-deposit-zero-net", "netGrams 0 (gross equals tare)",
                deposit().replace("\"grossGrams\":11054", "\"grossGrams\":10234").replace("\"netGrams\":820",
                        "\"netGrams\":0"), "deposit", "WH-HS-0001:42");
        okPayload("ok-deposit-utc-nanoseconds", "occurredAt in UTC (Z) with 9 fraction digits, calibratedAt without"
                + " a fraction: accepted", deposit()
                .replace("2026-11-21T09:12:33.120+08:00", "2026-11-30T16:00:00.123456789Z")
                .replace("2026-10-02T10:00:00.000+08:00", "2026-10-02T10:00:00+08:00"), "deposit", "WH-HS-0001:42");
        okPayload("ok-deposit-members-reordered-whitespace", "members in another order, with insignificant whitespace:"
                + " JSON object order is free", "{ \"agent\": \"1.0.0\", \"type\": \"deposit\", \"v\": 1,\n"
                + " \"seq\": 42, \"deviceId\": \"WH-HS-0001\", \"eventId\": \"WH-HS-0001:42\",\n \"card\": \""
                + TestEvents.CARD + "\", \"material\": \"glass\", \"netGrams\": 820, \"tareGrams\": 10234,"
                + " \"grossGrams\": 11054,\n \"clockSynced\": true, \"occurredAt\": \"2026-11-21T09:12:33.120+08:00\" }\n",
                "deposit", "WH-HS-0001:42");
        okPayload("ok-deposit-max-seq", "seq 2^53-1, the largest allowed", deposit()
                .replace("\"seq\":42", "\"seq\":9007199254740991")
                .replace("WH-HS-0001:42", "WH-HS-0001:9007199254740991"), "deposit", "WH-HS-0001:9007199254740991");
        vectors.add(Vector.ok("ok-kid-of-another-device", "decodes: the kid's deviceId differs from the payload's;"
                + " the collector rejects it as topic-mismatch, not the decoder",
                sign("{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0002/1\",\"typ\":\"kiosk-event\"}", deposit()),
                "deposit", "WH-HS-0001:42", true));
        String good = sign(HEADER, deposit());
        String badSignature = good.substring(0, good.lastIndexOf('.') + 1)
                + Base64Url.encode(flipFirstBit(Base64Url.decode(good.substring(good.lastIndexOf('.') + 1)).value()));
        vectors.add(Vector.ok("ok-bad-signature", "well formed, but one signature bit flipped: decodes, does not"
                + " verify (the collector's bad-signature)", badSignature, "deposit", "WH-HS-0001:42", false));
        String modified = Base64Url.encode(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(deposit().replace("\"grossGrams\":11054,\"netGrams\":820",
                        "\"grossGrams\":12054,\"netGrams\":1820").getBytes(StandardCharsets.UTF_8))
                + good.substring(good.lastIndexOf('.'));
        vectors.add(Vector.ok("ok-modified-payload", "the deposit's weights changed after signing: decodes, does not"
                + " verify", modified, "deposit", "WH-HS-0001:42", false));
    }

    private void compactForm() {
        String good = sign(HEADER, deposit());
        String[] parts = good.split("\\.");
        StringBuilder big = new StringBuilder(deposit().replace("\"agent\":\"1.0.0\"}", "\"agent\":\"1.0.0\",\"pad\":\""));
        while (big.length() < 7000) {
            big.append("0123456789");
        }
        big.append("\"}");
        bad("oversize", "a signed message of more than 8 KiB (8192 bytes) is refused unread",
                sign(HEADER, big.toString()), "oversize");
        bad("two-parts", "header.payload without a signature", parts[0] + "." + parts[1], "not-compact-jws");
        bad("four-parts", "four dot-separated parts", good + "." + parts[2], "not-compact-jws");
        bad("five-parts-jwe-shape", "five parts (the JWE shape)", good + ".." + parts[2], "not-compact-jws");
        bad("empty-message", "zero bytes", "", "not-compact-jws");
        bad("trailing-newline", "a valid JWS followed by a newline: the message must be exactly the JWS", good + "\n",
                "not-compact-jws");
        bad("non-ascii-message", "a non-ASCII character in the compact form", good.replace(".", ".\u00e9"),
                "not-compact-jws");
        bad("padding", "the signature part with base64 '=' padding", good + "==", "base64-padding");
        bad("bad-base64-character", "a '+' (standard base64 alphabet) in the payload part",
                parts[0] + "." + parts[1].substring(0, 10) + "+" + parts[1].substring(11) + "." + parts[2], "bad-base64");
        String stretched = parts[1] + "A";
        while (stretched.length() % 4 != 1) {
            stretched += "A";
        }
        bad("bad-base64-length", "a payload part whose length is 1 mod 4 cannot be base64",
                parts[0] + "." + stretched + "." + parts[2], "bad-base64");
        char last = parts[2].charAt(parts[2].length() - 1);
        bad("non-canonical-base64", "the signature's last character with its unused low bits set (decodes leniently"
                + " to the same bytes, refused here)", parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, parts[2].length() - 1) + nonCanonical(last), "bad-base64");
    }

    private void header() {
        String d = deposit();
        bad("alg-none", "alg none with an empty signature", Base64Url.encode(
                "{\"alg\":\"none\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64Url.encode(d.getBytes(StandardCharsets.UTF_8)) + ".", "unsupported-alg");
        bad("alg-hs256", "alg HS256", sign("{\"alg\":\"HS256\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}", d),
                "unsupported-alg");
        bad("alg-none-and-extra-member", "alg none with an extra member: alg is checked first",
                sign("{\"alg\":\"none\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\",\"b64\":false}", d),
                "unsupported-alg");
        bad("header-extra-member", "a header member besides alg, kid, typ (jku)",
                sign("{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\",\"jku\":\"https://x.example/k\"}",
                        d), "bad-header");
        bad("header-missing-typ", "no typ", sign("{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\"}", d), "bad-header");
        bad("header-missing-alg", "no alg", sign("{\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}", d),
                "bad-header");
        bad("wrong-typ", "typ JWT instead of kiosk-event",
                sign("{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"JWT\"}", d), "bad-header");
        bad("header-not-json", "the header is not JSON", sign("alg=EdDSA", d), "bad-header");
        bad("header-duplicate-alg", "the header repeats alg",
                sign("{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}", d),
                "bad-header");
        bad("kid-without-version", "kid without /keyVersion",
                sign("{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001\",\"typ\":\"kiosk-event\"}", d), "bad-kid");
        bad("kid-version-zero", "key versions start at 1",
                sign("{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/0\",\"typ\":\"kiosk-event\"}", d), "bad-kid");
        bad("kid-bad-device", "kid with a lower-case deviceId",
                sign("{\"alg\":\"EdDSA\",\"kid\":\"wh-hs-0001/1\",\"typ\":\"kiosk-event\"}", d), "bad-kid");
    }

    private void payload() {
        String d = deposit();
        badPayload("payload-not-json", "the payload is not JSON", "deposit 820 g", "bad-json");
        badPayload("payload-json-array", "the payload is a JSON array, not an object", "[" + d + "]", "bad-json");
        badPayload("payload-trailing-content", "a second JSON value after the object", d + "{}", "bad-json");
        vectors.add(Vector.malformed("payload-non-utf8", "the payload's agent string holds the byte 0xFF: not UTF-8",
                signBytes(HEADER, latin1(d.replace("\"agent\":\"1.0.0\"", "\"agent\":\"1.0.0\u00ff\""))), "bad-json"));
        vectors.add(Vector.malformed("payload-utf16", "the payload in UTF-16LE (JSON on the wire is UTF-8 only)",
                signBytes(HEADER, d.getBytes(StandardCharsets.UTF_16LE)), "bad-json"));
        vectors.add(Vector.malformed("payload-utf8-bom", "the payload starts with a UTF-8 byte order mark",
                signBytes(HEADER, ("\uFEFF" + d).getBytes(StandardCharsets.UTF_8)), "bad-json"));
        badPayload("duplicate-key", "seq appears twice", d.replace("\"seq\":42", "\"seq\":42,\"seq\":43"),
                "duplicate-key");
        badPayload("unknown-member", "an extra member (bonusGrams)", d.replace("\"v\":1", "\"v\":1,\"bonusGrams\":500"),
                "unknown-member");
        badPayload("door-forced-with-card", "door-forced carries no members besides the envelope",
                payload(TestEvents.doorForced()).replace("\"agent\"", "\"card\":\"" + TestEvents.CARD + "\",\"agent\""),
                "unknown-member");
        badPayload("missing-member", "no grossGrams", d.replace("\"grossGrams\":11054,", ""), "missing-member");
        badPayload("missing-clock-synced", "no clockSynced", d.replace("\"clockSynced\":true,", ""), "missing-member");
        badPayload("missing-v", "no v", d.replace("\"v\":1,", ""), "missing-member");
        badPayload("weight-decimal", "netGrams written as 820.0: weights are integers",
                d.replace("\"netGrams\":820", "\"netGrams\":820.0"), "ill-typed-member");
        badPayload("weight-exponent", "grossGrams written as 1.1054e4",
                d.replace("\"grossGrams\":11054", "\"grossGrams\":1.1054e4"), "ill-typed-member");
        badPayload("weight-string", "netGrams written as the string \"820\"",
                d.replace("\"netGrams\":820", "\"netGrams\":\"820\""), "ill-typed-member");
        badPayload("clock-synced-string", "clockSynced as the string \"true\"",
                d.replace("\"clockSynced\":true", "\"clockSynced\":\"true\""), "ill-typed-member");
        badPayload("calibrated-at-null", "the optional calibratedAt is absent or a date-time, never null",
                d.replace("\"calibratedAt\":\"2026-10-02T10:00:00.000+08:00\"", "\"calibratedAt\":null"),
                "ill-typed-member");
        badPayload("for-event-id-not-an-event-id", "claw-play forEventId that is not deviceId:seq",
                payload(TestEvents.clawPlay()).replace("\"WH-HS-0001:42\"", "\"deposit 42\""), "ill-typed-member");
        badPayload("seq-zero", "seq 0 (seq starts at 1)", d.replace("\"seq\":42", "\"seq\":0")
                .replace("WH-HS-0001:42", "WH-HS-0001:0"), "out-of-range");
        badPayload("seq-too-large", "seq 2^53, beyond JSON's safe integers", d.replace("\"seq\":42",
                "\"seq\":9007199254740992").replace("WH-HS-0001:42", "WH-HS-0001:9007199254740992"), "out-of-range");
        badPayload("weight-too-large", "grossGrams beyond 1 000 000 g", d.replace("\"grossGrams\":11054",
                "\"grossGrams\":1000001").replace("\"netGrams\":820", "\"netGrams\":989767"), "out-of-range");
        badPayload("plays-zero", "claw-play with 0 plays", payload(TestEvents.clawPlay())
                .replace("\"plays\":3", "\"plays\":0"), "out-of-range");
        badPayload("bin-emptied-removed-too-large", "bin-emptied removedGrams beyond 1 000 000 g",
                payload(TestEvents.binEmptied()).replace("\"removedGrams\":10874", "\"removedGrams\":1000001"),
                "out-of-range");
        badPayload("bin-emptied-without-card", "bin-emptied without the card of whoever opened the door",
                payload(TestEvents.binEmptied()).replace("\"card\":\"" + TestEvents.SERVICE_CARD + "\",", ""),
                "missing-member");
        badPayload("slot-256", "prize slot 256", payload(TestEvents.prize()).replace("\"slot\":7", "\"slot\":256"),
                "out-of-range");
        badPayload("agent-empty", "an empty agent version", d.replace("\"agent\":\"1.0.0\"", "\"agent\":\"\""),
                "out-of-range");
        badPayload("net-mismatch", "netGrams 830 where grossGrams - tareGrams is 820",
                d.replace("\"netGrams\":820", "\"netGrams\":830"), "net-mismatch");
        badPayload("bad-device-id", "deviceId in lower case", d.replace("WH-HS-0001", "wh-hs-0001"), "bad-device-id");
        badPayload("event-id-mismatch", "eventId WH-HS-0001:41 with seq 42",
                d.replace("\"eventId\":\"WH-HS-0001:42\"", "\"eventId\":\"WH-HS-0001:41\""), "event-id-mismatch");
        badPayload("occurred-at-unparseable", "occurredAt is not a date-time",
                d.replace("2026-11-21T09:12:33.120+08:00", "yesterday at noon"), "bad-timestamp");
        badPayload("occurred-at-without-offset", "occurredAt without an offset (local time)",
                d.replace("2026-11-21T09:12:33.120+08:00", "2026-11-21T09:12:33.120"), "bad-timestamp");
        badPayload("occurred-at-lower-case-t", "occurredAt with a lower-case t separator",
                d.replace("2026-11-21T09:12:33.120+08:00", "2026-11-21t09:12:33.120+08:00"), "bad-timestamp");
        badPayload("occurred-at-month-13", "occurredAt in month 13",
                d.replace("2026-11-21T09:12:33.120+08:00", "2026-13-21T09:12:33.120+08:00"), "bad-timestamp");
        badPayload("calibrated-at-unparseable", "calibratedAt is not a date-time",
                d.replace("2026-10-02T10:00:00.000+08:00", "2026-10-02"), "bad-timestamp");
        badPayload("version-2", "v 2: only version 1 is understood", d.replace("\"v\":1", "\"v\":2"),
                "unsupported-version");
        badPayload("unknown-type", "type refund", d.replace("\"type\":\"deposit\"", "\"type\":\"refund\""),
                "unknown-type");
        badPayload("card-upper-case-hex", "card in upper-case hex",
                d.replace(TestEvents.CARD, TestEvents.CARD.toUpperCase(java.util.Locale.ROOT)), "bad-card");
        badPayload("card-short", "card of 63 hex characters",
                d.replace(TestEvents.CARD, TestEvents.CARD.substring(1)), "bad-card");
        badPayload("unknown-material", "material wood", d.replace("\"material\":\"mixed\"", "\"material\":\"wood\""),
                "bad-material");
    }

    // --- helpers

    private static String payload(KioskEvent event) {
        return new String(EventCodec.encode(event), StandardCharsets.UTF_8);
    }

    private static String deposit() {
        return payload(TestEvents.deposit());
    }

    private String sign(String header, KioskEvent event) {
        return sign(header, payload(event));
    }

    private String sign(String header, String payload) {
        return signBytes(header, payload.getBytes(StandardCharsets.UTF_8));
    }

    private String signBytes(String header, byte[] payload) {
        return CompactJws.sign(header.getBytes(StandardCharsets.UTF_8), payload, key, new BouncyCastleEd25519());
    }

    private void ok(String name, String description, KioskEvent event) {
        String header = new String(new EventHeader(new Kid(event.deviceId(), 1)).encode(), StandardCharsets.UTF_8);
        vectors.add(Vector.ok(name, description, sign(header, event), event.type().wire(), event.eventId(), true));
    }

    private void okPayload(String name, String description, String payload, String type, String eventId) {
        vectors.add(Vector.ok(name, description, sign(HEADER, payload), type, eventId, true));
    }

    private void bad(String name, String description, String jws, String code) {
        vectors.add(Vector.malformed(name, description, jws, code));
    }

    private void badPayload(String name, String description, String payload, String code) {
        vectors.add(Vector.malformed(name, description, sign(HEADER, payload), code));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] flipFirstBit(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[0] ^= 1;
        return copy;
    }

    /** The same 4 data bits with a stray low bit set (last char of a 64-byte value's 86-char encoding). */
    private static char nonCanonical(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) | 1);
    }
}
