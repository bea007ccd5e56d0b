package org.carbonkiosk.agent.hardware;

import java.io.IOException;

/** The deposit door's lock relay. */
public interface DoorLock {
    void unlock() throws IOException;

    void lock() throws IOException;
}
