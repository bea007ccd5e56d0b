package org.carbonkiosk.agent.hardware;

import java.io.IOException;

/** A weighing scale giving calibrated grams. A failed read is an {@link IOException}. */
public interface Scale {
    /** One reading, in grams (may be negative when the scale drifts or items are lifted). */
    int readGrams() throws IOException;
}
