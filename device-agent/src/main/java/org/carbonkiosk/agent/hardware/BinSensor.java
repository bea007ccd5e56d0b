package org.carbonkiosk.agent.hardware;

import java.io.IOException;

/** How full the bin is; a simple full/not-full switch reports 100 or 0. */
public interface BinSensor {
    int fillPercent() throws IOException;
}
