package org.carbonkiosk.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.StrictJson;

/** The fixed test key of src/test/resources/test-key.json (signs the golden vectors; not a device's key). */
public final class TestKeys {
    public static final String RESOURCE = "/test-key.json";

    private TestKeys() {
    }

    /** The private seed (JWK {@code d}). */
    public static byte[] privateKey() {
        return Base64.getUrlDecoder().decode(jwk().string("d"));
    }

    /** The public key as written in the file (JWK {@code x}), not derived. */
    public static byte[] publicKey() {
        return Base64.getUrlDecoder().decode(jwk().string("x"));
    }

    private static JsonObject jwk() {
        try (InputStream in = TestKeys.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return StrictJson.parseObject(in.readAllBytes()).object("jwk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
