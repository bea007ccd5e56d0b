package org.carbonkiosk.protocol.jws;

/**
 * Ed25519 (RFC 8032) over raw keys: 32-byte private seeds, 32-byte public keys, 64-byte
 * signatures. Two implementations that must agree: {@link JdkEd25519} and {@link BouncyCastleEd25519}.
 */
public interface Ed25519 {
    int KEY_BYTES = 32;
    int SIGNATURE_BYTES = 64;

    byte[] sign(byte[] privateKey, byte[] message);

    /** False for any signature that does not verify, including ill-sized keys or signatures. */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);

    /** The public key of a private seed. */
    byte[] publicKeyOf(byte[] privateKey);

    /** A public key made ready for many verifications (decoded once where the implementation can). */
    @FunctionalInterface
    interface Verifier {
        /** False for any signature that does not verify. */
        boolean verify(byte[] message, byte[] signature);
    }

    /** A verifier for {@code publicKey}; by default it does the same as {@link #verify} each time. */
    default Verifier verifier(byte[] publicKey) {
        byte[] key = publicKey.clone();
        return (message, signature) -> verify(key, message, signature);
    }
}
