package org.carbonkiosk.protocol;

import java.util.Set;

/** The kinds of kiosk ({@code kioskType} in the registry API, {@code kiosk.type} in a kiosk's configuration). */
public final class KioskTypes {
    public static final String RECYCLING_BOX = "recycling-box";
    public static final String CLAW_KIOSK = "claw-kiosk";
    public static final Set<String> ALL = Set.of(RECYCLING_BOX, CLAW_KIOSK);

    private KioskTypes() {
    }
}
