package org.carbonkiosk.simulator.ledger;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.simulator.AccountMonth;
import org.tinylog.Logger;

/**
 * The ledger side of PROTOCOL.md section 7 as a real HTTP server (JDK HttpServer on
 * 127.0.0.1): {@code POST /v1/credits} stores a credit per account and month, deduplicating on
 * {@code creditId}. A resend with the same body gets the original answer; a different body
 * under a known creditId gets 409 and is recorded as a protocol violation (the collector must
 * never do that). Read endpoints: {@code GET /v1/credits/{creditId}},
 * {@code GET /v1/accounts/{account}/months/{yyyy-MM}}, {@code GET /v1/totals},
 * {@code GET /v1/violations}. With a token set, every request needs {@code Authorization: Bearer <token>}.
 */
public final class StubLedger implements AutoCloseable {
    private final LedgerFaults faults;
    private final Object lock = new Object();
    private final CreditBook book = new CreditBook();
    private final LedgerHandler handler;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-ledger");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;
    private int port;

    private StubLedger(Optional<String> token, LedgerFaults faults) {
        this.faults = faults;
        this.handler = new LedgerHandler(token, faults, book);
    }

    /** Starts on {@code port} of 127.0.0.1 (0 = a free port). */
    public static StubLedger start(int port, Optional<String> token, long seed) {
        StubLedger ledger = new StubLedger(token.filter(t -> !t.isBlank()), new LedgerFaults(seed));
        ledger.bind(port);
        Logger.info("stub ledger listening on {}", ledger.url());
        return ledger;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the collector's ledger base URL. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public LedgerFaults faults() {
        return faults;
    }

    /** Stops listening: callers get connection refused until {@link #comeUp()}. Stored credits stay. */
    public void goDown() {
        synchronized (lock) {
            if (server == null) {
                return;
            }
            server.stop(0);
            server = null;
            book.countDownPeriod();
        }
        Logger.info("stub ledger down");
    }

    /** Listens again on the same port. */
    public void comeUp() {
        synchronized (lock) {
            if (server != null) {
                return;
            }
        }
        bind(port);
        Logger.info("stub ledger up again on {}", url());
    }

    /** Every account's total per month. */
    public Map<AccountMonth, Long> totals() {
        return book.totals();
    }

    public long total(String account, String month) {
        return book.total(account, month);
    }

    public Optional<CreditRequest> credit(String creditId) {
        return book.credit(creditId);
    }

    /** Every stored credit, by creditId. */
    public List<CreditRequest> credits() {
        return book.credits();
    }

    public int creditCount() {
        return book.creditCount();
    }

    /** Protocol violations seen (409 on a different body, bad Idempotency-Key, undecodable body). */
    public List<String> violations() {
        return book.violations();
    }

    public LedgerStats stats() {
        return book.stats();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        executor.shutdownNow();
    }

    private void bind(int wanted) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
            created.createContext("/", handler);
            created.setExecutor(executor);
            created.start();
            synchronized (lock) {
                server = created;
                port = created.getAddress().getPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stub ledger cannot listen on port " + wanted, e);
        }
    }
}
