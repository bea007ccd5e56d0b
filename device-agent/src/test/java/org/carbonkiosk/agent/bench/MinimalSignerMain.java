package org.carbonkiosk.agent.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * The benchmark's baseline: a JVM that only loads the device key and signs Ed25519 deposit
 * events (same key file, same codec as the agent). Prints {@code READY} after its first
 * signature; each line {@code sign N} on stdin signs N more events and prints {@code DONE}.
 * Args: identity folder.
 */
public final class MinimalSignerMain {
    private MinimalSignerMain() {
    }

    public static void main(String[] args) throws Exception {
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(Path.of(args[0])).active().orElseThrow();
        EventSigner signer = new EventSigner("BENCH-0001", key, SignedEventCodec.standard(), Clock.systemUTC(),
                Timestamps.SHANGHAI, () -> true, "1.0.0");
        long seq = 1;
        String card = "e".repeat(64);
        int checksum = signer.deposit(seq++, card, Material.MIXED, 1000, 1820, Optional.empty()).jws().length();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("sign ")) {
                int n = Integer.parseInt(line.substring(5).trim());
                for (int i = 0; i < n; i++) {
                    checksum += signer.deposit(seq++, card, Material.MIXED, 1000, 1000 + i, Optional.empty())
                            .jws().length();
                }
                System.out.println("DONE " + checksum);
                System.out.flush();
            }
        }
    }
}
