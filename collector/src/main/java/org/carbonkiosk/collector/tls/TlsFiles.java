package org.carbonkiosk.collector.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carbonkiosk.config.ConfigException;

/**
 * TLS material from files: the HTTP server's key and certificate chain (PEM with a PKCS#8 key,
 * or PKCS#12), and for the MQTT connections the fleet CA and an optional client certificate.
 */
public final class TlsFiles {
    public static final String ALIAS = "collector";
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsFiles() {
    }

    /** A PKCS#12 file as it is, with its own password. */
    public static KeyStore pkcs12(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    /**
     * A key store with one key entry under {@link #ALIAS}: the chain and the PKCS#8 key from PEM
     * files; {@code chainKey} and {@code keyKey} name the settings in errors.
     */
    public static KeyStore fromPem(Path chainFile, String chainKey, Path keyFile, String keyKey, char[] password)
            throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(chainFile, chainKey);
        PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile, keyKey);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
        return ks;
    }

    /** A trust store holding the CA certificates of a PEM file; {@code configKey} names the setting in errors. */
    public static KeyStore trustStore(Path caFile, String configKey) throws IOException, GeneralSecurityException {
        List<Certificate> cas = certificates(caFile, configKey);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            ks.setCertificateEntry("ca-" + i, cas.get(i));
        }
        return ks;
    }

    private static List<Certificate> certificates(Path file, String configKey) throws IOException,
            GeneralSecurityException {
        List<Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(configKey, "no certificate in " + file);
        }
        return certificates;
    }

    private static PrivateKey privateKey(String pem, Path file, String keyKey) throws GeneralSecurityException {
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new ConfigException(keyKey, file + " holds no 'BEGIN PRIVATE KEY' (PKCS#8) block;"
                    + " convert with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
