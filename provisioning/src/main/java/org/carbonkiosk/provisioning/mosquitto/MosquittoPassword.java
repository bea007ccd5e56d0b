package org.carbonkiosk.provisioning.mosquitto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A Mosquitto password-file hash, the same as {@code mosquitto_passwd} 2.x writes:
 * {@code $7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512>}, 12-byte salt, 64-byte hash,
 * 101 iterations. No Mosquitto tools are needed on the technician's machine.
 */
public final class MosquittoPassword {
    public static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;

    private MosquittoPassword() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    public static String hash(char[] password, byte[] salt, int iterations) {
        return "$7$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, iterations));
    }

    /** True when {@code password} matches a {@code $7$} entry (used by tests and self-checks). */
    public static boolean matches(char[] password, String entry) {
        String[] parts = entry.split("\\$");
        if (parts.length != 5 || !parts[1].equals("7")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        return hash(password, salt, Integer.parseInt(parts[2])).equals(entry);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JVM", e);
        }
    }
}
