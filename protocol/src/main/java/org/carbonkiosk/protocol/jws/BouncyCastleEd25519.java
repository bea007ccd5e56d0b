package org.carbonkiosk.protocol.jws;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 through BouncyCastle's lightweight API: the fast verifier the collector uses. */
public final class BouncyCastleEd25519 implements Ed25519 {

    @Override
    public byte[] sign(byte[] privateKey, byte[] message) {
        if (privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("Ed25519 private key must be 32 bytes");
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            return verify(new Ed25519PublicKeyParameters(publicKey, 0), message, signature);
        } catch (IllegalArgumentException e) {
            return false; // not a point on the curve
        }
    }

    /** Decodes the public key once (its point decompression is a sixth of a verification). */
    @Override
    public Verifier verifier(byte[] publicKey) {
        if (publicKey.length != KEY_BYTES) {
            return (message, signature) -> false;
        }
        Ed25519PublicKeyParameters decoded;
        try {
            decoded = new Ed25519PublicKeyParameters(publicKey, 0);
        } catch (IllegalArgumentException e) {
            return (message, signature) -> false; // not a point on the curve
        }
        return (message, signature) -> verify(decoded, message, signature);
    }

    /** Verifies with an already decoded public key: the cheapest path for a key used many times. */
    public boolean verify(Ed25519PublicKeyParameters publicKey, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public byte[] publicKeyOf(byte[] privateKey) {
        if (privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("Ed25519 private key must be 32 bytes");
        }
        return new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }
}
