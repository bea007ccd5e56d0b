package org.carbonkiosk.collector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carbonkiosk.collector.decide.Decided;
import org.carbonkiosk.collector.decide.SigningDevice;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.jdbc.JdbcDecisionStore;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the collector's ingest through the real pipeline (ordered verifier, decision loop,
 * decision core) on a real SQLite store, with a seeded generator so that a failure replays from
 * its seed (printed in every assertion message).
 *
 * <ul>
 * <li>Hostile input: random bytes, valid JWS mutated (bit flips, truncations, base64 changes),
 * payloads changed and signed again with the kiosk's genuine key (member renames, duplicate
 * keys, deep nesting, huge or non-integer numbers), valid deposits on wrong topics (wildcards,
 * {@code $SYS}, another kiosk, empty, very long). Never a credit; no message lost or decided twice
 * (each is decided and acknowledged exactly once, and recorded once in {@code rejected_messages});
 * a receipt only where {@code docs/collector.md} says (never for what did not verify, nor on
 * another kiosk's topic); the pipeline still credits a good deposit afterwards.</li>
 * <li>The credit rule over any order: a set of valid deposits (several accounts and kiosks, both
 * sides of a month boundary in Asia/Shanghai; each card at one kiosk, so no card-clone hold) in several seeded orders, with 1 and 4 verify
 * threads: no deposit above 1500 g, no account-month above 4500 g, the same totals per
 * account-month every time (the rule credits what is left under the cap, so the order cannot
 * change a total); the whole stream replayed again is all {@code repeat} and credits nothing.</li>
 * </ul>
 */
class IngestFuzzTest {
    private static final long SEED = 20261201L;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final BouncyCastleEd25519 ED = new BouncyCastleEd25519();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern MEMBER = Pattern.compile("\"([A-Za-z]+)\":");
    private static final Pattern NUMBER_MEMBER = Pattern.compile("\"(v|seq|tareGrams|grossGrams|netGrams)\":(-?[0-9]+)");

    @TempDir
    Path dir;

    /** How a hostile message was made, and what the docs allow for it. */
    enum Kind {
        RANDOM_BYTES, RANDOM_JWS_SHAPE, BIT_FLIP, TRUNCATED, BASE64_CHANGED, RESIGNED_PAYLOAD, WRONG_TOPIC
    }

    record Hostile(Kind kind, RecordedStream.Message message) {
    }

    @Test
    void hostileMessages_neverCreditedEachDecidedOnceAndThePipelineGoesOn() throws Exception {
        SigningDevice.Registry registry = new SigningDevice.Registry();
        List<SigningDevice> kiosks = List.of(new SigningDevice("WH-FZ-0001", registry),
                new SigningDevice("WH-FZ-0002", registry));
        String card = SigningDevice.card("fuzz-resident");
        List<Hostile> hostile = hostileMessages(new Random(SEED), kiosks, card, 1500);
        List<RecordedStream.Message> messages = new ArrayList<>();
        hostile.forEach(h -> messages.add(h.message()));
        // then good deposits: the pipeline is still deciding and crediting
        SigningDevice k = kiosks.get(0);
        for (int i = 0; i < 3; i++) {
            messages.add(new RecordedStream.Message(k.topic(), k.sign(k.deposit(card, 1000)),
                    SigningDevice.RECEIVED.plusSeconds(120 + i)));
        }

        try (Store store = TestPipeline.sqlite(dir.resolve("fuzz.db"), kiosks, Map.of(card, "acct-fuzz"))) {
            Clock clock = Clock.fixed(SigningDevice.RECEIVED.plusSeconds(600), ZoneOffset.UTC);
            for (int threads : new int[] {1, 4}) {
                TestPipeline.Run run = TestPipeline.run(registry.screener(), threads,
                        JdbcDecisionStore.transactions(store), clock, messages);
                String seed = "seed " + SEED + ", " + threads + " verify threads";

                assertThat(run.decided()).as(seed + ": one committed decision per message, none set apart as a defect")
                        .hasSize(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                    assertThat(run.acks().get(i)).as(seed + ": acknowledgements of message " + i).isEqualTo(1);
                }
                for (int i = 0; i < hostile.size(); i++) {
                    Hostile h = hostile.get(i);
                    Decided d = run.decided().get(i);
                    String what = seed + ", message " + i + " " + h.kind() + " on topic "
                            + abbreviate(h.message().topic()) + ": " + abbreviate(new String(h.message().raw(),
                            StandardCharsets.ISO_8859_1)) + " -> " + d.receipt();
                    assertThat(d.receipt().creditedGrams()).as(what).isZero();
                    assertThat(d.receipt().status()).as(what).isEqualTo(DecisionStatus.REJECTED);
                    assertThat(d.creditQueued()).as(what).isFalse();
                    if (h.kind() == Kind.RESIGNED_PAYLOAD) {
                        // signed by the kiosk's own key, not a valid event: a kiosk defect, answered when its id is readable
                        assertThat(d.receipt().reason()).as(what).contains(Reason.MALFORMED);
                        d.receiptDevice().ifPresent(device -> assertThat(device).as(what).isEqualTo(k.deviceId));
                    } else {
                        assertThat(d.receiptDevice()).as(what + ": no receipt for what did not verify").isEmpty();
                    }
                }
                List<Decided> good = run.decided().subList(hostile.size(), messages.size());
                if (threads == 1) {
                    assertThat(good).as(seed + ": good deposits after the fuzz")
                            .allSatisfy(d -> assertThat(d.receipt().creditedGrams()).isEqualTo(1500));
                } else {
                    assertThat(good).as(seed + ": the same good deposits again")
                            .allSatisfy(d -> assertThat(d.receipt().repeat()).isTrue());
                }
            }
            // Both runs: every hostile message recorded as a rejection, only the good deposits as events
            assertThat(count(store, "SELECT COUNT(*) FROM rejected_messages")).isEqualTo(2L * hostile.size());
            assertThat(count(store, "SELECT COUNT(*) FROM events")).isEqualTo(3);
            assertThat(count(store, "SELECT COUNT(*) FROM ledger_outbox")).isEqualTo(3);
            assertThat(count(store, "SELECT SUM(credited_grams) FROM account_months")).isEqualTo(4500);
        }
    }

    @Test
    void validDeposits_anyOrderAnyThreads_capsHoldTotalsAgreeAndAReplayCreditsNothing() throws Exception {
        SigningDevice.Registry registry = new SigningDevice.Registry();
        List<SigningDevice> kiosks = List.of(new SigningDevice("WH-FZ-0011", registry),
                new SigningDevice("WH-FZ-0012", registry), new SigningDevice("WH-FZ-0013", registry));
        Map<String, String> accounts = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            accounts.put(SigningDevice.card("resident-" + i), "acct-" + (i % 4)); // two cards share acct-0
        }
        List<String> cards = new ArrayList<>(accounts.keySet());
        Random random = new Random(SEED);
        // Both sides of midnight, 1 December in Shanghai (16:00 UTC on 30 November)
        OffsetDateTime midnight = OffsetDateTime.parse("2026-12-01T00:00:00+08:00");
        List<RecordedStream.Message> deposits = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        Map<String, List<Integer>> creditsByAccountMonth = new TreeMap<>();
        for (int i = 0; i < 80; i++) {
            // each card at its own kiosk (acct-0's two cards at two kiosks): no card-clone hold here,
            // the integrity signals have their own tests
            int c = random.nextInt(cards.size());
            String card = cards.get(c);
            SigningDevice k = kiosks.get(c % kiosks.size());
            int net = switch (random.nextInt(10)) {
                case 0 -> 20 + random.nextInt(30); // below the minimum
                case 1 -> 1000 + random.nextInt(2500); // above the per-deposit cap
                default -> 50 + random.nextInt(1200);
            };
            OffsetDateTime at = midnight.plusSeconds(random.nextInt(1200) - 600);
            DepositEvent d = DepositEvent.of(new Envelope(k.deviceId, ++k.seq, at, true, "1.0.0"), card,
                    Material.MIXED, 1000, 1000 + net, Optional.of(at.minusDays(30)));
            deposits.add(new RecordedStream.Message(k.topic(), k.sign(d), at.toInstant().plusSeconds(2)));
            String month = accounts.get(card) + " " + at.atZoneSameInstant(SHANGHAI)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM"));
            creditsByAccountMonth.computeIfAbsent(month, m -> new ArrayList<>())
                    .add(net < 50 ? 0 : Math.min(1500, net * 1500 / 1000));
        }
        // the credit rule: each deposit up to 1500 g, then what is left of the account's 4500 g
        creditsByAccountMonth.forEach((month, credits) -> {
            long total = Math.min(4500L, credits.stream().mapToLong(Integer::longValue).sum());
            if (total > 0) {
                expected.put(month, total);
            }
        });
        assertThat(expected.keySet()).as("the set crosses the month boundary")
                .anyMatch(m -> m.endsWith("2026-11")).anyMatch(m -> m.endsWith("2026-12"));
        assertThat(expected.values()).as("some account-months reach the cap").contains(4500L);
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T17:00:00Z"), ZoneOffset.UTC);

        Map<String, Long> first = null;
        for (int order = 0; order < 4; order++) {
            List<RecordedStream.Message> shuffled = new ArrayList<>(deposits);
            Collections.shuffle(shuffled, new Random(SEED + order));
            for (int threads : new int[] {1, 4}) {
                String what = "seed " + SEED + ", order " + order + ", " + threads + " verify threads";
                try (Store store = TestPipeline.sqlite(dir.resolve("rule-" + order + "-" + threads + ".db"), kiosks,
                        accounts)) {
                    TestPipeline.Run run = TestPipeline.run(registry.screener(), threads,
                            JdbcDecisionStore.transactions(store), clock, shuffled);
                    assertThat(run.decided()).as(what).hasSize(deposits.size());
                    assertThat(run.decided()).as(what).allSatisfy(d -> assertThat(d.receipt().creditedGrams())
                            .isBetween(0, 1500));
                    Map<String, Long> totals = totals(store);
                    assertThat(totals.values()).as(what + ": account-months").allSatisfy(t -> assertThat(t)
                            .isLessThanOrEqualTo(4500L));
                    assertThat(totals).as(what + ": the events' credits add up to the month totals")
                            .isEqualTo(eventTotals(store));
                    assertThat(totals).as(what).isEqualTo(expected);
                    if (first == null) {
                        first = totals;
                    }
                    assertThat(totals).as(what + ": the same totals as the first order").isEqualTo(first);

                    // the whole stream again, in another order: every copy a repeat, nothing more credited
                    List<RecordedStream.Message> again = new ArrayList<>(shuffled);
                    Collections.shuffle(again, new Random(SEED - order));
                    long queued = count(store, "SELECT COUNT(*) FROM ledger_outbox");
                    TestPipeline.Run replay = TestPipeline.run(registry.screener(), threads,
                            JdbcDecisionStore.transactions(store), clock, again);
                    assertThat(replay.decided()).as(what + ": the replay").hasSize(deposits.size())
                            .allSatisfy(d -> {
                                assertThat(d.receipt().repeat()).isTrue();
                                assertThat(d.creditQueued()).isFalse();
                            });
                    assertThat(totals(store)).as(what + ": after the replay").isEqualTo(totals);
                    assertThat(count(store, "SELECT COUNT(*) FROM ledger_outbox")).as(what).isEqualTo(queued);
                }
            }
        }
    }

    /**
     * Hostile messages made from {@code random}: see {@link Kind}. The topics include the kiosk's
     * own status topic: a genuine event there is {@code topic-mismatch} (only an event topic names
     * the device an event belongs to), though the broker would never deliver it to the pipeline.
     */
    static List<Hostile> hostileMessages(Random random, List<SigningDevice> kiosks, String card, int count) {
        SigningDevice k = kiosks.get(0);
        List<String> topics = List.of("", "#", "+", "kiosk/v1/+/event", "kiosk/v1/#", "$SYS/broker/clients/connected",
                "$share/collectors/kiosk/v1/+/event", Topics.event(kiosks.get(1).deviceId), Topics.status(k.deviceId),
                Topics.status(kiosks.get(1).deviceId), k.topic() + "/extra", "kiosk/v1//event", k.topic().toLowerCase(),
                "kiosk/v2/" + k.deviceId + "/event", "kiosk/v1/" + k.deviceId + "\u0000/event",
                "kiosk/v1/" + "W".repeat(70_000) + "/event", "k".repeat(100_000));
        List<Hostile> out = new ArrayList<>();
        Instant at = SigningDevice.RECEIVED;
        for (int i = 0; i < count; i++) {
            at = at.plusMillis(1);
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            // a valid deposit of a bound card, never sent as it is
            String valid = new String(k.sign(k.deposit(card, 200 + random.nextInt(1000))), StandardCharsets.US_ASCII);
            String topic = k.topic();
            byte[] raw = switch (kind) {
                case RANDOM_BYTES -> {
                    byte[] b = new byte[random.nextInt(10) == 0 ? Topics.MAX_MESSAGE_BYTES + random.nextInt(2)
                            : random.nextInt(400)];
                    random.nextBytes(b);
                    topic = random.nextBoolean() ? topic : topics.get(random.nextInt(topics.size()));
                    yield b;
                }
                case RANDOM_JWS_SHAPE -> ascii(randomBase64(random) + "." + randomBase64(random) + "."
                        + randomBase64(random));
                case BIT_FLIP -> {
                    byte[] b = valid.getBytes(StandardCharsets.US_ASCII);
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    yield b;
                }
                case TRUNCATED -> ascii(valid.substring(0, random.nextInt(valid.length())));
                case BASE64_CHANGED -> ascii(changeBase64(random, valid));
                case RESIGNED_PAYLOAD -> resign(k, mutatePayload(random, payloadOf(valid)));
                case WRONG_TOPIC -> {
                    topic = topics.get(random.nextInt(topics.size()));
                    yield ascii(valid);
                }
            };
            out.add(new Hostile(kind, new RecordedStream.Message(topic, raw, at)));
        }
        return out;
    }

    private static String changeBase64(Random random, String jws) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return switch (random.nextInt(6)) {
            case 0 -> { // one character of one part replaced by another of the alphabet
                int at = random.nextInt(jws.length());
                while (jws.charAt(at) == '.') {
                    at = random.nextInt(jws.length());
                }
                char c = jws.charAt(at);
                char other = c;
                while (other == c) {
                    other = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                yield jws.substring(0, at) + other + jws.substring(at + 1);
            }
            case 1 -> jws.replace('-', '+').replace('_', '/') + (jws.contains("-") || jws.contains("_") ? "" : "+");
            case 2 -> jws.replaceFirst("\\.", "=.");
            case 3 -> jws + (random.nextBoolean() ? "\n" : " ");
            case 4 -> jws.replaceFirst("\\.", "");
            default -> jws.substring(0, jws.lastIndexOf('.')) + "." + jws.substring(0, jws.indexOf('.'));
        };
    }

    /** A change to the payload's JSON that leaves no valid deposit. */
    private static String mutatePayload(Random random, String json) {
        List<String> members = new ArrayList<>();
        Matcher m = MEMBER.matcher(json);
        while (m.find()) {
            members.add(m.group(1));
        }
        String member = members.get(random.nextInt(members.size()));
        int depth = List.of(10, 500, 1001, 2000).get(random.nextInt(4));
        return switch (random.nextInt(6)) {
            case 0 -> json.replaceFirst("\"" + member + "\":", "\"" + member + (random.nextBoolean() ? "X" : "_") + "\":");
            case 1 -> "{\"" + member + "\":" + valueOf(json, member) + "," + json.substring(1);
            case 2 -> "{\"nested\":" + "[".repeat(depth) + "]".repeat(depth) + "," + json.substring(1);
            case 3 -> json.replaceFirst("\"" + member + "\":", "\"" + member + "\":" + "{\"a\":".repeat(depth / 4)
                    + "1" + "}".repeat(depth / 4) + ",\"" + member + "Deep\":");
            case 4 -> {
                Matcher n = NUMBER_MEMBER.matcher(json);
                List<String> numbers = new ArrayList<>();
                while (n.find()) {
                    numbers.add(n.group(1));
                }
                String name = numbers.get(random.nextInt(numbers.size()));
                String huge = List.of("1e400", "123456789012345678901234567890", "9".repeat(1001), "820.0", "8.2e2",
                        "\"820\"", "01", "9007199254740992", "2147483648", "-2147483649", "null", "true")
                        .get(random.nextInt(12));
                yield json.replaceFirst("\"" + name + "\":-?[0-9]+", "\"" + name + "\":" + huge);
            }
            default -> json.substring(0, json.length() - 1) + ",\"" + member + "\":" + valueOf(json, member) + "}";
        };
    }

    /** The JSON text of a top-level member's value (a flat payload: strings, numbers, booleans). */
    private static String valueOf(String json, String member) {
        int start = json.indexOf("\"" + member + "\":") + member.length() + 3;
        if (json.charAt(start) == '"') {
            return json.substring(start, json.indexOf('"', start + 1) + 1);
        }
        int end = start;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end);
    }

    private static String payloadOf(String jws) {
        String[] parts = jws.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    private static byte[] resign(SigningDevice k, String payload) {
        String header = "{\"alg\":\"EdDSA\",\"kid\":\"" + k.deviceId + "/1\",\"typ\":\"kiosk-event\"}";
        return ascii(CompactJws.sign(header.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8),
                k.key.privateKey(), ED));
    }

    private static String randomBase64(Random random) {
        byte[] b = new byte[random.nextInt(120)];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "... (" + s.length() + " chars)";
    }

    private static long count(Store store, String sql) {
        return store.db().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** credited grams per "account month" from the month totals. */
    private static Map<String, Long> totals(Store store) {
        return grouped(store, "SELECT account, month, credited_grams FROM account_months WHERE credited_grams > 0");
    }

    /** credited grams per "account month" added up from the events. */
    private static Map<String, Long> eventTotals(Store store) {
        return grouped(store, "SELECT account, month, SUM(credited_grams) FROM events WHERE credited_grams > 0"
                + " GROUP BY account, month");
    }

    private static Map<String, Long> grouped(Store store, String sql) {
        return store.db().read(c -> {
            Map<String, Long> out = new TreeMap<>();
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                }
            }
            return out;
        });
    }
}
