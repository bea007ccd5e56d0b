package org.carbonkiosk.agent.hardware;

import java.io.IOException;
import java.util.Optional;

/** A claw machine's prize-chute sensor. */
public interface PrizeSensor {
    /** The slot of a prize that fell since the last poll, if any. */
    Optional<Integer> poll() throws IOException;
}
