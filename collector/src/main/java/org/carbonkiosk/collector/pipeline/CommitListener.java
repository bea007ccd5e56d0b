package org.carbonkiosk.collector.pipeline;

import java.util.List;
import org.carbonkiosk.collector.decide.Decided;

/**
 * Called after a batch of decisions is committed and before receipts and acknowledgements go
 * out. Production uses {@link #NONE}; tests inject faults here (a crash between commit and ack).
 */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = decided -> { };

    void committed(List<Decided> decided) throws InterruptedException;
}
