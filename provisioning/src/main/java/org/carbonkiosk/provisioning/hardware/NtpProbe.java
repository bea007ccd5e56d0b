package org.carbonkiosk.provisioning.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Whether the operating system says its clock is NTP-synchronised; empty when it cannot tell. */
@FunctionalInterface
public interface NtpProbe {
    Optional<Boolean> synchronised();

    /** {@code timedatectl show -p NTPSynchronized --value}: "yes" or "no"; empty when timedatectl is absent or fails. */
    static NtpProbe timedatectl() {
        return () -> {
            try {
                Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                        .redirectErrorStream(true).start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.exitValue() != 0) {
                    return Optional.empty();
                }
                return switch (out) {
                    case "yes" -> Optional.of(true);
                    case "no" -> Optional.of(false);
                    default -> Optional.empty();
                };
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}
