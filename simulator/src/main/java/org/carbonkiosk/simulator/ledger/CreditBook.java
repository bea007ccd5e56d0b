package org.carbonkiosk.simulator.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.simulator.AccountMonth;
import org.tinylog.Logger;

/**
 * The stub ledger's books: credits by creditId, totals per account and month, the protocol
 * violations seen and the request counters. Deduplicates on creditId: the same body again gets
 * the original answer, a different body under a known creditId 409 and a violation. Thread-safe.
 */
final class CreditBook {
    /** The answer to a credit: its HTTP status and body; {@code fresh} when it was stored just now. */
    record Answer(int status, byte[] body, boolean fresh) {
    }

    private record Stored(CreditRequest request, int status, byte[] answer) {
    }

    private final Map<String, Stored> credits = new TreeMap<>();
    private final Map<AccountMonth, Long> totals = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private long requests;
    private long duplicates;
    private long conflicts;
    private long errorsInjected;
    private long timeoutsInjected;
    private long unauthorized;
    private long downPeriods;

    synchronized Answer store(CreditRequest request) {
        Stored known = credits.get(request.creditId());
        if (known != null && !known.request().equals(request)) {
            conflicts++;
            violation("creditId " + request.creditId() + " sent again with a different body");
            return new Answer(409, LedgerJson.error("conflict", "creditId already used with another body"), false);
        }
        if (known != null) {
            duplicates++;
            return new Answer(known.status(), known.answer(), false);
        }
        Stored stored = new Stored(request, 201, LedgerJson.accepted(request));
        credits.put(request.creditId(), stored);
        totals.merge(new AccountMonth(request.account(), request.month()), (long) request.grams(), Long::sum);
        return new Answer(stored.status(), stored.answer(), true);
    }

    void violation(String what) {
        synchronized (this) {
            violations.add(what);
        }
        Logger.error("LEDGER PROTOCOL VIOLATION: {}", what);
    }

    synchronized void countRequest() {
        requests++;
    }

    synchronized void countErrorInjected() {
        errorsInjected++;
    }

    synchronized void countTimeoutInjected() {
        timeoutsInjected++;
    }

    synchronized void countUnauthorized() {
        unauthorized++;
    }

    synchronized void countDownPeriod() {
        downPeriods++;
    }

    synchronized Map<AccountMonth, Long> totals() {
        return new TreeMap<>(totals);
    }

    synchronized long total(String account, String month) {
        return totals.getOrDefault(new AccountMonth(account, month), 0L);
    }

    synchronized Optional<CreditRequest> credit(String creditId) {
        return Optional.ofNullable(credits.get(creditId)).map(Stored::request);
    }

    synchronized List<CreditRequest> credits() {
        return credits.values().stream().map(Stored::request).toList();
    }

    synchronized int creditCount() {
        return credits.size();
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized LedgerStats stats() {
        return new LedgerStats(requests, credits.size(), duplicates, conflicts, errorsInjected, timeoutsInjected,
                unauthorized, downPeriods);
    }

    /** {@code GET /v1/totals}: every account's months and the number of credits. */
    synchronized byte[] totalsJson() {
        ObjectNode o = StrictJson.newObject();
        ObjectNode byAccount = o.putObject("totals");
        totals.forEach((am, grams) -> {
            ObjectNode months = byAccount.has(am.account())
                    ? (ObjectNode) byAccount.get(am.account()) : byAccount.putObject(am.account());
            months.put(am.month(), grams);
        });
        o.put("credits", credits.size());
        return StrictJson.write(o);
    }

    synchronized byte[] violationsJson() {
        ObjectNode o = StrictJson.newObject();
        violations.forEach(o.putArray("violations")::add);
        return StrictJson.write(o);
    }

    synchronized Optional<byte[]> creditJson(String creditId) {
        return Optional.ofNullable(credits.get(creditId)).map(s -> s.request().encode());
    }

    synchronized byte[] monthJson(String account, String month) {
        ObjectNode o = StrictJson.newObject();
        o.put("account", account);
        o.put("month", month);
        o.put("grams", totals.getOrDefault(new AccountMonth(account, month), 0L));
        return StrictJson.write(o);
    }
}
