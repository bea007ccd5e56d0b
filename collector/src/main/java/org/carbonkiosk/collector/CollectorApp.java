package org.carbonkiosk.collector;

import org.carbonkiosk.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.carbonkiosk.collector.api.AdminToken;
import org.carbonkiosk.collector.api.ApiTokens;
import org.carbonkiosk.collector.api.AuditLog;
import org.carbonkiosk.collector.api.CardRoutes;
import org.carbonkiosk.collector.api.DeviceRoutes;
import org.carbonkiosk.collector.api.HttpApi;
import org.carbonkiosk.collector.api.IntegrityRoutes;
import org.carbonkiosk.collector.api.OpsRoutes;
import org.carbonkiosk.collector.api.QueryRoutes;
import org.carbonkiosk.collector.api.ReviewRoutes;
import org.carbonkiosk.collector.api.Route;
import org.carbonkiosk.collector.api.Router;
import org.carbonkiosk.collector.api.TokenRoutes;
import org.carbonkiosk.collector.decide.DecisionCore;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.decide.HeldEvents;
import org.carbonkiosk.collector.decide.KeyDirectory;
import org.carbonkiosk.collector.decide.Screener;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.ingest.EventSubscription;
import org.carbonkiosk.collector.ingest.MqttSettings;
import org.carbonkiosk.collector.ingest.OutboundConnection;
import org.carbonkiosk.collector.ledger.LedgerSettings;
import org.carbonkiosk.collector.ledger.LedgerForwarder;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.pipeline.AfterCommit;
import org.carbonkiosk.collector.pipeline.CommitListener;
import org.carbonkiosk.collector.pipeline.DecisionLoop;
import org.carbonkiosk.collector.pipeline.OrderedVerifier;
import org.carbonkiosk.collector.store.Dialect;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoreSettings;
import org.carbonkiosk.collector.store.jdbc.JdbcDecisionStore;
import org.carbonkiosk.collector.web.Console;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.tinylog.Logger;

/**
 * The collector, embeddable: MQTT ingest, decisions, store, ledger forwarding, HTTP API.
 * {@code clock} is the only source of business time (receive time, months of unsynced events,
 * stale and clock-skew checks); retries and timers use real time.
 */
public final class CollectorApp implements AutoCloseable {
    private final Store store;
    private final AdminToken token;
    private final Ingest ingest;
    private final LedgerForwarder forwarder;
    private final HttpApi http;
    private final Metrics metrics;
    private volatile boolean closed;

    /** The decision path's running parts, stopped in this order: events, verifier, loop, receipts. */
    private record Ingest(EventSubscription events, OrderedVerifier verifier, DecisionLoop loop,
                          OutboundConnection outbound) {
    }

    private CollectorApp(Store store, AdminToken token, Ingest ingest, LedgerForwarder forwarder, HttpApi http,
                         Metrics metrics) {
        this.store = store;
        this.token = token;
        this.ingest = ingest;
        this.forwarder = forwarder;
        this.http = http;
        this.metrics = metrics;
    }

    /** Starts everything; returns once the HTTP API listens and the broker connection was tried. */
    public static CollectorApp start(CollectorConfig config, Clock clock) {
        return start(config, clock, CommitListener.NONE);
    }

    /** As {@link #start(CollectorConfig, Clock)}, with a hook after each commit (tests inject faults there). */
    static CollectorApp start(CollectorConfig config, Clock clock, CommitListener commitListener) {
        StoreSettings stored = config.store();
        try {
            Files.createDirectories(stored.dataDir());
        } catch (IOException e) {
            throw new ConfigException("data.dir", "cannot create " + stored.dataDir() + ": " + e.getMessage());
        }
        Store store = Store.open(stored.effectiveDbUrl(), stored.poolSize());
        List<AutoCloseable> started = new ArrayList<>();
        started.add(store);
        try {
            AdminToken token = AdminToken.resolve(config.adminToken(), stored.dataDir());
            Metrics metrics = new Metrics();
            DeviceLiveState live = new DeviceLiveState();
            DecisionCore core = new DecisionCore(config.rules(), config.checks(), config.integrity());
            LedgerSettings ledger = config.ledger();
            LedgerForwarder forwarder = ledger.forwarding()
                    ? new LedgerForwarder(store, ledger.ledger(), ledger.backoff(), metrics) : null;
            if (forwarder == null) {
                Logger.warn("no ledger.url configured: ledger forwarding is paused (credits wait in the outbox)");
            }
            MqttSettings mqtt = config.mqtt().withClientId(clientId(config.mqtt(), stored));
            OutboundConnection outbound = new OutboundConnection(mqtt, config.ingest().receiptQueueCapacity(), live,
                    clock);
            AfterCommit after = new AfterCommit(outbound, live, metrics,
                    forwarder == null ? () -> { } : forwarder::nudge, commitListener);
            DecisionStore.Transactions transactions = JdbcDecisionStore.transactions(store);
            SignedEventCodec codec = SignedEventCodec.standard();
            OrderedVerifier verifier = new OrderedVerifier(new Screener(codec, new KeyDirectory(store, codec::verifier),
                    metrics), config.ingest().verifyThreads(), config.ingest().queueCapacity());
            DecisionLoop loop = new DecisionLoop(verifier, core, transactions, after, metrics, clock, config.ingest());
            EventSubscription events = new EventSubscription(mqtt, verifier, clock);
            HeldEvents held = new HeldEvents(core);
            // HTTP: the API (token and role per route, audit of writes) and the console at /
            ApiTokens tokens = new ApiTokens(store.db(), token, clock);
            AuditLog audit = new AuditLog(store.db(), clock);
            List<Route> routes = new ArrayList<>();
            routes.addAll(new DeviceRoutes(store, live, clock).routes());
            routes.addAll(new CardRoutes(store, held, after, clock).routes());
            routes.addAll(new QueryRoutes(store, config.rules()).routes());
            routes.addAll(new ReviewRoutes(store, held, after, clock).routes());
            routes.addAll(new IntegrityRoutes(store, held, after, config.integrity(), clock).routes());
            routes.addAll(new OpsRoutes(store, metrics, events::isConnected, forwarder, tokens,
                    config.http().metricsOpen()).routes());
            routes.addAll(new TokenRoutes(tokens, audit).routes());
            Router router = new Router(routes, tokens, audit);
            Console console = new Console(store, live, tokens, router, config.http().tls(), config.checks().calibrationMaxAge(),
                    clock);
            HttpApi http = new HttpApi(config.http(),
                    r -> Router.serves(r.path()) ? router.handle(r) : console.handle(r));
            registerGauges(metrics, store, live, verifier, outbound, forwarder == null);
            new DeviceMetrics(store, live, config.checks().calibrationMaxAge()).register(metrics);
            metrics.gauge("kiosk_mqtt_event_disconnects", "Times the event connection was lost since start.",
                    events::disconnects);
            metrics.gauge("kiosk_retained_events", "Events a kiosk published retained (decided, copy cleared) since start.",
                    events::retainedEvents);
            loop.start();
            started.add(loop::halt);
            if (forwarder != null) {
                forwarder.start();
                started.add(forwarder::stop);
            }
            http.start();
            started.add(http);
            outbound.start(Duration.ofSeconds(10));
            started.add(outbound);
            events.start(Duration.ofSeconds(10));
            started.add(events::drop);
            Ingest ingest = new Ingest(events, verifier, loop, outbound);
            CollectorApp app = new CollectorApp(store, token, ingest, forwarder, http, metrics);
            Logger.info("collector started: HTTP port {}, {}", http.port(), config);
            return app;
        } catch (IOException e) {
            closeAll(started);
            throw new ConfigException("http.port", "cannot listen: " + e.getMessage());
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static void registerGauges(Metrics metrics, Store store, DeviceLiveState live, OrderedVerifier verifier,
                                       OutboundConnection outbound, boolean paused) {
        metrics.gauge("kiosk_ledger_backlog", "Credits waiting to be forwarded to the ledger.",
                () -> store.db().read(c -> store.outbox().backlog(c)).pending());
        metrics.gauge("kiosk_ledger_dead_letters", "Credits the ledger refused, waiting for an operator.",
                () -> store.db().read(c -> store.outbox().backlog(c)).dead());
        metrics.gauge("kiosk_ledger_paused", "1 when no ledger URL is configured.", () -> paused ? 1 : 0);
        metrics.gauge("kiosk_devices_online", "Devices whose retained status is online.", live::onlineCount);
        metrics.gauge("kiosk_seq_gaps_open", "Missing event seqs below each device's highest seq.",
                () -> store.db().read(c -> store.devices().openGaps(c)));
        metrics.gauge("kiosk_decision_queue", "Received messages waiting for their decision.", verifier::queued);
        metrics.gauge("kiosk_receipt_queue", "Receipts waiting for the broker.", outbound::queuedReceipts);
        metrics.gauge("kiosk_receipts_dropped", "Receipts dropped because their queue was full (since start).",
                outbound::droppedReceipts);
        metrics.gauge("kiosk_flagged_kiosks", "Kiosks under review: their deposits are held (kiosk-flagged).",
                () -> store.db().read(c -> store.integrity().flagged(c)));
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                Logger.warn("while stopping: {}", e.getMessage());
            }
        }
    }

    /** The configured client id, or one derived from the host name and the data directory (stable). */
    static String clientId(MqttSettings mqtt, StoreSettings stored) {
        if (!mqtt.clientId().isEmpty()) {
            return mqtt.clientId();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((host + "|"
                    + stored.dataDir().toAbsolutePath() + "|" + stored.effectiveDbUrl()).getBytes(StandardCharsets.UTF_8));
            return "kiosk-collector-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real HTTP port. */
    public int httpPort() {
        return http.port();
    }

    public String adminToken() {
        return token.value();
    }

    /** The store's dialect (for operations and tests). */
    public Dialect dialect() {
        return store.db().dialect();
    }

    Metrics metrics() {
        return metrics;
    }

    /** Graceful: stop taking messages, finish in-flight decisions, disconnect, close the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Logger.info("collector stopping");
        ingest.events().stopAccepting();
        ingest.verifier().stopAccepting();
        ingest.loop().stop();
        ingest.events().close();
        ingest.verifier().close();
        ingest.outbound().close();
        if (forwarder != null) {
            forwarder.stop();
        }
        http.close();
        store.close();
        Logger.info("collector stopped");
    }

    /** Stops at once, acknowledging nothing more: a crash, for tests. */
    synchronized void halt() {
        if (closed) {
            return;
        }
        closed = true;
        ingest.events().stopAccepting();
        ingest.loop().halt();
        ingest.events().drop();
        ingest.verifier().close();
        ingest.outbound().close();
        if (forwarder != null) {
            forwarder.stop();
        }
        http.close();
        store.close();
    }
}
