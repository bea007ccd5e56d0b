package org.carbonkiosk.agent.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether the wall clock is trustworthy ({@code clockSynced} of events). {@code auto}: true once
 * systemd-timesyncd has written its "synchronized" flag file (a Raspberry Pi has no RTC).
 */
public final class ClockSync implements BooleanSupplier {
    private final String mode;
    private final Path syncFile;
    private volatile boolean seenSynced;

    public ClockSync(String mode, Path syncFile) {
        this.mode = mode;
        this.syncFile = syncFile;
    }

    @Override
    public boolean getAsBoolean() {
        return switch (mode) {
            case "true" -> true;
            case "false" -> false;
            default -> seenSynced || (seenSynced = Files.exists(syncFile));
        };
    }
}
