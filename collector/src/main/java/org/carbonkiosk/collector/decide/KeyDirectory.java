package org.carbonkiosk.collector.decide;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.carbonkiosk.collector.store.DeviceRecord;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.jws.Base64Url;

/**
 * Public keys by {@code kid}. A key version never changes once registered, so found keys are
 * cached; misses always ask the store (a device registered a moment ago is found). Revocation
 * is not cached: it is read inside the deciding transaction.
 */
public final class KeyDirectory implements DeviceKeys {
    private final Store store;
    private final ConcurrentHashMap<Kid, byte[]> cache = new ConcurrentHashMap<>();

    public KeyDirectory(Store store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> key(Kid kid) {
        byte[] cached = cache.get(kid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DeviceRecord> device = store.db().read(c -> store.devices().find(c, kid.deviceId()));
        Optional<byte[]> key = device.flatMap(d -> d.key(kid.keyVersion()))
                .map(k -> Base64Url.decode(k.publicKeyX()).value());
        key.ifPresent(k -> cache.put(kid, k));
        return key;
    }
}
