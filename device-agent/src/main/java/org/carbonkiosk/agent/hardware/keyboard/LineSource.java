package org.carbonkiosk.agent.hardware.keyboard;

import java.io.IOException;

/** Lines typed by a keyboard-wedge reader, one per card. */
public interface LineSource extends AutoCloseable {
    /** The next line, blocking; null at the end of the stream. */
    String nextLine() throws IOException;

    @Override
    void close() throws IOException;
}
