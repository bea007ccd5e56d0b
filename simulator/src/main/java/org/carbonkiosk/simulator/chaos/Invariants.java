package org.carbonkiosk.simulator.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.simulator.AccountMonth;
import org.carbonkiosk.simulator.demo.Environment;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.simulator.report.RunSummary;
import org.carbonkiosk.simulator.truth.CreditArithmetic;
import org.carbonkiosk.simulator.truth.GroundTruth;

/**
 * What must hold after every schedule, checked against the simulator's ground truth, the
 * kiosks' own counters, the collector's records (its HTTP API) and the stub ledger's books.
 * Each violation is one line; none means the seed passed.
 */
final class Invariants {
    private final RunSummary summary;
    private final Environment env;
    private final CollectorClient api;
    private final List<KioskNode> kiosks;
    private final List<String> violations = new ArrayList<>();

    private Invariants(RunSummary summary, Environment env, List<KioskNode> kiosks) {
        this.summary = summary;
        this.env = env;
        this.api = env.api();
        this.kiosks = kiosks;
    }

    static List<String> check(RunSummary summary, Environment env, List<KioskNode> kiosks) {
        Invariants i = new Invariants(summary, env, kiosks);
        Map<String, JsonNode> events = new TreeMap<>();
        kiosks.forEach(k -> i.everySeqDecidedOnce(k, events));
        kiosks.forEach(k -> i.everyRecordedDepositDecided(k, events));
        i.nothingRejected();
        i.nothingCreditedTwice(events);
        i.noAccountMonthOverItsCaps();
        i.ledgerEqualsGroundTruth();
        return List.copyOf(i.violations);
    }

    /**
     * Every event has its receipt (the kiosk's outbox is empty), every seq from 1 to the kiosk's
     * last is decided at the collector, none rejected, no gap and no other last seq.
     */
    private void everySeqDecidedOnce(KioskNode kiosk, Map<String, JsonNode> events) {
        String id = kiosk.deviceId();
        if (kiosk.outboxDepth() != 0) {
            violations.add(id + ": " + kiosk.outboxDepth() + " events without a receipt");
        }
        JsonNode device = api.device(id);
        long lastSeq = kiosk.lastSeq();
        if (device.get("lastSeq").asLong() != lastSeq) {
            violations.add(id + ": the kiosk's last seq is " + lastSeq + ", the collector's " + device.get("lastSeq"));
        }
        if (!device.get("missingSeqs").isEmpty()) {
            violations.add(id + ": seqs missing at the collector: " + device.get("missingSeqs"));
        }
        for (long seq = 1; seq <= lastSeq; seq++) {
            String eventId = id + ":" + seq;
            Optional<JsonNode> event = api.eventJsonIfKnown(eventId);
            if (event.isEmpty()) {
                violations.add(eventId + ": never decided (seq lost)");
            } else if ("rejected".equals(event.get().get("status").asText())) {
                violations.add(eventId + ": rejected as " + event.get().get("reason").asText());
            } else {
                events.put(eventId, event.get());
            }
        }
    }

    /** Nothing of the fleet's was rejected: a reused seq, a bad signature, an unknown key would be. */
    private void nothingRejected() {
        JsonNode rejections = api.rejections();
        if (!rejections.isEmpty()) {
            violations.add("the collector rejected messages: " + rejections);
        }
    }

    /** The kiosk's deposit events are, in seq order, exactly the deposits it recorded: one event each. */
    private void everyRecordedDepositDecided(KioskNode kiosk, Map<String, JsonNode> events) {
        List<Integer> recorded = summary.truth().recorded().stream().filter(r -> r.deviceId().equals(kiosk.deviceId()))
                .map(GroundTruth.Recorded::netGrams).toList();
        List<Integer> decided = new ArrayList<>();
        for (long seq = 1; seq <= kiosk.lastSeq(); seq++) {
            JsonNode e = events.get(kiosk.deviceId() + ":" + seq);
            if (e != null && "deposit".equals(e.get("type").asText())) {
                decided.add(e.get("netGrams").asInt());
            }
        }
        if (!recorded.equals(decided)) {
            violations.add(kiosk.deviceId() + ": recorded deposits " + recorded + " but decided deposit events " + decided);
        }
    }

    /** One ledger credit per credited event, of the event's grams, and no credit without its event. */
    private void nothingCreditedTwice(Map<String, JsonNode> events) {
        Map<String, CreditRequest> credits = new TreeMap<>();
        for (CreditRequest c : env.ledger().credits()) {
            credits.put(c.creditId(), c);
            JsonNode e = events.get(c.creditId());
            if (e == null) {
                violations.add("ledger credit " + c.creditId() + " of " + c.grams() + " g has no decided event");
            } else if (e.get("creditedGrams").asInt() != c.grams()) {
                violations.add("ledger credit " + c.creditId() + " is " + c.grams() + " g, the decision "
                        + e.get("creditedGrams") + " g");
            }
            if (c.grams() > CreditArithmetic.PER_DEPOSIT_CAP) {
                violations.add("ledger credit " + c.creditId() + " of " + c.grams() + " g is over the per-deposit cap");
            }
        }
        events.forEach((eventId, e) -> {
            if (e.get("creditedGrams").asInt() > 0 && !credits.containsKey(eventId)) {
                violations.add(eventId + ": credited " + e.get("creditedGrams") + " g but not in the ledger");
            }
        });
    }

    /** No account-month over its cap, at the collector or in the ledger, and both agree. */
    private void noAccountMonthOverItsCaps() {
        Map<AccountMonth, Long> ledger = env.ledger().totals();
        TreeMap<AccountMonth, Long> all = new TreeMap<>(summary.truth().expected());
        all.putAll(ledger);
        for (AccountMonth am : all.keySet()) {
            long inLedger = ledger.getOrDefault(am, 0L);
            JsonNode month = api.accountMonth(am.account(), am.month());
            long atCollector = month.get("creditedGrams").asLong();
            if (inLedger > CreditArithmetic.MONTHLY_CAP || atCollector > month.get("capGrams").asLong()) {
                violations.add(am + ": over the monthly cap (ledger " + inLedger + " g, collector " + atCollector + " g)");
            }
            if (inLedger != atCollector) {
                violations.add(am + ": ledger " + inLedger + " g, collector " + atCollector + " g");
            }
        }
    }

    /** The ledger equals the ground truth to the gram; the collector never broke the ledger protocol. */
    private void ledgerEqualsGroundTruth() {
        summary.reconciliation().differences().forEach(r -> violations.add(r.key() + ": ledger " + r.ledger()
                + " g, ground truth " + r.expected() + " g (" + r.deposits() + " deposits)"));
        summary.ledgerViolations().forEach(v -> violations.add("ledger protocol violation: " + v));
    }
}
