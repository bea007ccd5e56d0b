package org.carbonkiosk.agent.hardware;

import java.io.IOException;

/** A claw machine's coin input: each pulse grants one play. */
public interface CoinLine {
    void grantPlays(int plays) throws IOException;
}
