package org.carbonkiosk.protocol.jws;

import java.util.HexFormat;
import java.util.Random;
import org.carbonkiosk.protocol.event.EventCodec;

/** Random inputs for the cross-implementation tests. */
final class EventCodecSupport {
    private EventCodecSupport() {
    }

    static String randomCard(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static byte[] randomEventPayload(Random random) {
        return EventCodec.encode(CrossImplementationTest.randomEvents(1).get(0));
    }
}
