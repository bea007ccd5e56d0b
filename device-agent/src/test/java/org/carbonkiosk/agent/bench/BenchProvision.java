package org.carbonkiosk.agent.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;

/** Bench helper: writes device-key-1.pem and card.key (0600) into the folder given. */
public final class BenchProvision {
    private BenchProvision() {
    }

    public static void main(String[] args) throws Exception {
        Path identity = Path.of(args[0]);
        new DeviceKeyStore(identity).createFirst();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        new FleetCardKeyFile(identity.resolve("card.key")).write(key);
    }
}
