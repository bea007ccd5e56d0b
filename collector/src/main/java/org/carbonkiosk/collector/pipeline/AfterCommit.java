package org.carbonkiosk.collector.pipeline;

import java.util.List;
import org.carbonkiosk.collector.decide.Decided;
import org.carbonkiosk.collector.decide.Screened;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.ingest.Inbound;
import org.carbonkiosk.collector.ingest.ReceiptPublisher;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.tinylog.Logger;

/**
 * Every effect of a decision that follows its commit, in one place: receipts (queued, never
 * waited for), MQTT acknowledgements in delivery order, metrics, devices' last seen time, the
 * ledger forwarder's wake-up, and the log line. Nothing here runs before the commit.
 */
public final class AfterCommit {
    private final ReceiptPublisher receipts;
    private final DeviceLiveState live;
    private final Metrics metrics;
    private final Runnable ledgerWakeUp;
    private final CommitListener listener;

    public AfterCommit(ReceiptPublisher receipts, DeviceLiveState live, Metrics metrics, Runnable ledgerWakeUp,
                       CommitListener listener) {
        this.receipts = receipts;
        this.live = live;
        this.metrics = metrics;
        this.ledgerWakeUp = ledgerWakeUp;
        this.listener = listener;
    }

    /**
     * A batch of new decisions committed: {@code decided.get(i)} answers {@code inbound.get(i)},
     * screened as {@code screened.get(i)}.
     */
    void decided(List<Inbound> inbound, List<Screened> screened, List<Decided> decided) throws InterruptedException {
        listener.committed(decided);
        boolean credit = false;
        for (int i = 0; i < decided.size(); i++) {
            Decided d = decided.get(i);
            Inbound in = inbound.get(i);
            d.receiptDevice().ifPresent(device -> receipts.publish(device, d.receipt()));
            in.acknowledge().run();
            metrics.decided(d.receipt());
            d.verifiedDevice().ifPresent(device -> live.seen(device, in.receivedAt()));
            latestDeposit(screened.get(i), d);
            credit |= d.creditQueued();
            log(in.topic(), d);
        }
        if (credit) {
            ledgerWakeUp.run();
        }
    }

    /**
     * A verified deposit of a device in service: its calibration date. Not a conflicting copy of
     * another event, nor one signed by a retired key or a revoked device.
     */
    private void latestDeposit(Screened s, Decided d) {
        if (s instanceof Screened.Verified v && v.decoded().event() instanceof DepositEvent deposit
                && d.receipt().reason().filter(r -> r == Reason.SEQ_CONFLICT || r == Reason.REVOKED_DEVICE)
                .isEmpty()) {
            live.deposit(deposit.deviceId(), new DeviceLiveState.LatestDeposit(deposit.seq(), deposit.calibratedAt()));
        }
    }

    /** A message that could not be decided because of a defect: recorded apart, acknowledged, no receipt. */
    void failed(Inbound in) {
        in.acknowledge().run();
    }

    /** Held events decided again (card bound, operator review), committed: their new receipts, the ledger. */
    public void redecided(List<StoredEvent> changed) {
        boolean credit = false;
        for (StoredEvent e : changed) {
            receipts.publish(e.deviceId(), e.receipt(false));
            metrics.decided(e.receipt(false));
            credit |= e.creditedGrams() > 0;
        }
        if (credit) {
            ledgerWakeUp.run();
        }
    }

    private static void log(String topic, Decided d) {
        var r = d.receipt();
        String reason = r.reason().map(x -> x.wire()).orElse("");
        String repeat = r.repeat() ? " (repeat)" : "";
        if (r.status() == DecisionStatus.CREDITED) {
            Logger.debug("topic={} eventId={} {} {} {} g{}", topic, d.eventId().orElse("-"), r.status().wire(), reason,
                    r.creditedGrams(), repeat);
        } else {
            Logger.info("topic={} eventId={} {} {}{}", topic, d.eventId().orElse("-"), r.status().wire(), reason,
                    repeat);
        }
    }
}
