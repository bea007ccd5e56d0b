package org.carbonkiosk.agent.hardware;

import java.io.IOException;

/** The deposit door's position switch. */
public interface DoorSwitch {
    boolean isOpen() throws IOException;
}
