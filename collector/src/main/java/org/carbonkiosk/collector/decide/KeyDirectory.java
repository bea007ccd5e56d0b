package org.carbonkiosk.collector.decide;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.carbonkiosk.collector.store.DeviceRecord;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.jws.Base64Url;
import org.carbonkiosk.protocol.jws.Ed25519;

/**
 * Public keys by {@code kid}. A key version never changes once registered, so found keys are
 * cached; misses always ask the store (a device registered a moment ago is found). Revocation
 * is not cached: it is read inside the deciding transaction.
 */
public final class KeyDirectory implements DeviceKeys {
    private final Store store;
    private final Function<byte[], Ed25519.Verifier> prepare;
    private final ConcurrentHashMap<Kid, Ed25519.Verifier> cache = new ConcurrentHashMap<>();

    /** @param prepare makes a raw public key ready for verification (decoded once, then cached) */
    public KeyDirectory(Store store, Function<byte[], Ed25519.Verifier> prepare) {
        this.store = store;
        this.prepare = prepare;
    }

    @Override
    public Optional<Ed25519.Verifier> key(Kid kid) {
        Ed25519.Verifier cached = cache.get(kid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DeviceRecord> device = store.db().read(c -> store.devices().find(c, kid.deviceId()));
        Optional<Ed25519.Verifier> key = device.flatMap(d -> d.key(kid.keyVersion()))
                .map(k -> prepare.apply(Base64Url.decode(k.publicKeyX()).value()));
        key.ifPresent(k -> cache.put(kid, k));
        return key;
    }
}
