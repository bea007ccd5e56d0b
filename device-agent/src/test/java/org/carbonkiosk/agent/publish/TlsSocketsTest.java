package org.carbonkiosk.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.carbonkiosk.agent.identity.SecureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from PEM files, against a local TLS server that requires a client certificate (certificates made by openssl). */
class TlsSocketsTest {
    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private void makeCertificates() throws Exception {
        boolean hasOpenssl;
        try {
            hasOpenssl = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException e) {
            hasOpenssl = false;
        }
        assumeTrue(hasOpenssl, "openssl not installed");
        for (String who : List.of("ca", "other-ca")) {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                    "-subj", "/CN=" + who, "-keyout", who + ".key", "-out", who + ".pem");
        }
        for (String who : List.of("server", "client")) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
                    "/CN=" + (who.equals("server") ? "localhost" : "WH-HS-0001"), "-keyout", who + ".raw.key",
                    "-out", who + ".csr");
            Files.writeString(dir.resolve(who + ".ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", who + ".ext", "-out", who + ".pem");
            openssl("pkcs8", "-topk8", "-nocrypt", "-in", who + ".raw.key", "-out", who + ".key");
            Files.setPosixFilePermissions(dir.resolve(who + ".key"), SecureFiles.OWNER_ONLY);
        }
        openssl("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-passout", "pass:pw",
                "-out", "server.p12");
    }

    /** A TLS server needing a client certificate from our CA; answers one byte. */
    private SSLServerSocket server() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(dir.resolve("server.p12").toFile())) {
            ks.load(in, "pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(dir.resolve("ca.pem"))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());
        s.setNeedClientAuth(true);
        CompletableFuture.runAsync(() -> {
            while (!s.isClosed()) {
                try (SSLSocket c = (SSLSocket) s.accept(); OutputStream out = c.getOutputStream()) {
                    out.write(42);
                } catch (IOException e) {
                    // a refused handshake; keep serving
                }
            }
        });
        return s;
    }

    private static int handshake(SSLSocketFactory factory, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return socket.getInputStream().read();
        }
    }

    @Test
    void factory_caAndClientCertificate_handshakeWithMutualTls() throws Exception {
        makeCertificates();
        try (SSLServerSocket server = server()) {
            SSLSocketFactory factory = TlsSockets.factory(Optional.of(dir.resolve("ca.pem")),
                    Optional.of(dir.resolve("client.pem")), Optional.of(dir.resolve("client.key")));

            assertThat(handshake(factory, server.getLocalPort())).isEqualTo(42);
        }
    }

    @Test
    void factory_wrongCa_handshakeRefused() throws Exception {
        makeCertificates();
        try (SSLServerSocket server = server()) {
            SSLSocketFactory factory = TlsSockets.factory(Optional.of(dir.resolve("other-ca.pem")),
                    Optional.of(dir.resolve("client.pem")), Optional.of(dir.resolve("client.key")));

            assertThatThrownBy(() -> handshake(factory, server.getLocalPort())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void factory_clientKeyReadableByOthers_refused() throws Exception {
        makeCertificates();
        Files.setPosixFilePermissions(dir.resolve("client.key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> TlsSockets.factory(Optional.of(dir.resolve("ca.pem")),
                Optional.of(dir.resolve("client.pem")), Optional.of(dir.resolve("client.key"))))
                .hasMessageContaining("client.key");
    }
}
