package org.carbonkiosk.protocol.jws;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;

/**
 * A raw Ed25519 key pair. The private seed belongs to the device that made it and never
 * leaves it; {@link #toString()} does not show it.
 */
public record Ed25519KeyPair(byte[] privateKey, byte[] publicKey) {

    public Ed25519KeyPair {
        if (privateKey.length != Ed25519.KEY_BYTES || publicKey.length != Ed25519.KEY_BYTES) {
            throw new IllegalArgumentException("Ed25519 keys are 32 bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    /** A new key pair from the JDK's strong random source. */
    public static Ed25519KeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Ed25519KeyPair(JdkEd25519.rawOf(pair.getPrivate().getEncoded()),
                    JdkEd25519.rawOf(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    /** The pair of a stored private seed. */
    public static Ed25519KeyPair fromPrivateKey(byte[] privateKey) {
        return new Ed25519KeyPair(privateKey, new BouncyCastleEd25519().publicKeyOf(privateKey));
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public PublicJwk publicJwk() {
        return new PublicJwk(publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519KeyPair other && Arrays.equals(privateKey, other.privateKey)
                && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + publicJwk().x() + ", private=(hidden)]";
    }
}
