package org.carbonkiosk.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of another process on Linux, from {@code /proc/<pid>/stat} (user + system). */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ProcessCpu() {
    }

    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e.getMessage(), e);
        }
    }
}
