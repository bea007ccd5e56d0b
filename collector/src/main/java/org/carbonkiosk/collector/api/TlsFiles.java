package org.carbonkiosk.collector.api;

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
import org.carbonkiosk.collector.ConfigException;

/** The server's TLS key and certificate chain, from PEM files (PKCS#8 key) or a PKCS#12 file. */
final class TlsFiles {
    static final String ALIAS = "collector";
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsFiles() {
    }

    /** A key store holding one key entry under {@link #ALIAS}, protected by {@code password}. */
    static KeyStore load(HttpOptions o, char[] password) {
        try {
            if (o.tlsPkcs12().isPresent()) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(o.tlsPkcs12().get())) {
                    ks.load(in, o.tlsPkcs12Password().toCharArray());
                }
                return ks;
            }
            return fromPem(o.tlsCertChain().orElseThrow(), o.tlsKey().orElseThrow(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(o.tlsPkcs12().isPresent() ? "http.tls.pkcs12" : "http.tls.certChain",
                    "cannot load the TLS key and certificate: " + e.getMessage());
        }
    }

    static KeyStore fromPem(Path chainFile, Path keyFile, char[] password) throws IOException,
            GeneralSecurityException {
        List<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(chainFile)) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) {
            throw new ConfigException("http.tls.certChain", "no certificate in " + chainFile);
        }
        PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
        return ks;
    }

    private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new ConfigException("http.tls.key", file + " holds no 'BEGIN PRIVATE KEY' (PKCS#8) block;"
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
