package org.carbonkiosk.simulator.demo;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.carbonkiosk.collector.decide.Decided;
import org.carbonkiosk.collector.pipeline.CommitListener;

/**
 * The collector's death between a commit and its acknowledgement: once armed, the next
 * committed batch stops the decision thread right there (no receipt, no MQTT acknowledgement)
 * until the collector is halted.
 */
final class CommitCrash implements CommitListener {
    private volatile boolean armed;
    private volatile boolean struck;

    void arm() {
        struck = false;
        armed = true;
    }

    void disarm() {
        armed = false;
    }

    /** True once a commit met the crash armed last. */
    boolean struck() {
        return struck;
    }

    @Override
    public void committed(List<Decided> decided) throws InterruptedException {
        if (armed) {
            armed = false;
            struck = true;
            new CountDownLatch(1).await(); // until the halt interrupts the decision thread
        }
    }
}
