package org.carbonkiosk.agent;

import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.Settlement;
import org.carbonkiosk.agent.outbox.StoreException;
import org.carbonkiosk.agent.publish.ReceiptListener;
import org.carbonkiosk.agent.session.SessionRunner;
import org.carbonkiosk.protocol.message.Receipt;
import org.tinylog.Logger;

/**
 * A receipt from the collector settles its event in the outbox; the first receipt of an event
 * is then shown to the resident (and may grant claw plays) on the session thread.
 */
final class ReceiptHandler implements ReceiptListener {
    private final String deviceId;
    private final Outbox outbox;
    private final SessionLoop loop;
    private final SessionRunner runner;
    private final BooleanSupplier closed;

    ReceiptHandler(String deviceId, Outbox outbox, SessionLoop loop, SessionRunner runner, BooleanSupplier closed) {
        this.deviceId = deviceId;
        this.outbox = outbox;
        this.loop = loop;
        this.runner = runner;
        this.closed = closed;
    }

    @Override
    public void onReceipt(Receipt receipt) {
        try {
            Optional<Settlement> settled = outbox.settle(receipt.eventId(), receipt.status().wire(),
                    receipt.reason().map(r -> r.wire()), receipt.creditedGrams());
            if (settled.isEmpty()) {
                Logger.warn("receipt for an unknown event deviceId={} eventId={}", deviceId, receipt.eventId());
                return;
            }
            Logger.info("receipt deviceId={} eventId={} status={} reason={} creditedGrams={} repeat={}",
                    deviceId, receipt.eventId(), receipt.status().wire(),
                    receipt.reason().map(r -> r.wire()).orElse("-"), receipt.creditedGrams(), receipt.repeat());
            if (settled.get().firstTime() && !closed.getAsBoolean()) {
                loop.execute("receipt", () -> runner.receiptSettled(receipt, settled.get()));
            }
        } catch (StoreException e) {
            throw new UncheckedIOException(e);
        }
    }
}
