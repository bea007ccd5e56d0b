package org.carbonkiosk.protocol.jws;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 through the JDK's SunEC provider (Java 15+). */
public final class JdkEd25519 implements Ed25519 {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows. */
    static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
    /** DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410); the raw seed follows. */
    static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    @Override
    public byte[] sign(byte[] privateKey, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(toPrivateKey(privateKey));
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this Ed25519 key", e);
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signatureBytes) {
        if (publicKey.length != KEY_BYTES || signatureBytes.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(toPublicKey(publicKey));
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public byte[] publicKeyOf(byte[] privateKey) {
        // The JDK derives the public key only through signing; BouncyCastle's derivation is exact and small.
        return new BouncyCastleEd25519().publicKeyOf(privateKey);
    }

    public static PrivateKey toPrivateKey(byte[] seed) throws GeneralSecurityException {
        if (seed.length != KEY_BYTES) {
            throw new GeneralSecurityException("Ed25519 private key must be 32 bytes");
        }
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
    }

    public static PublicKey toPublicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != KEY_BYTES) {
            throw new GeneralSecurityException("Ed25519 public key must be 32 bytes");
        }
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
    }

    /** The raw 32 bytes at the end of a JDK key's standard encoding. */
    static byte[] rawOf(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - KEY_BYTES, encoded.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
