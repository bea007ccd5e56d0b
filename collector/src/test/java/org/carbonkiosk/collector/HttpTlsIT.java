package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from a PKCS#12 file or PEM files: HTTPS answers with HSTS and the console's cookies are Secure. */
class HttpTlsIT {
    @TempDir
    Path dir;

    @Test
    void pkcs12_servesHttpsWithHsts_andSecureCookies() throws Exception {
        Path p12 = dir.resolve("collector.p12");
        run("keytool", "-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        try (Fixture f = new Fixture(Map.of("http.tls.pkcs12", p12.toString(), "http.tls.pkcs12Password", "changeit"))) {
            assertServesTls(f);
        }
    }

    @Test
    void pemFiles_serveHttps() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed: PEM test skipped");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("chain.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "2", "-subj", "/CN=localhost");
        assertThat(Files.readString(key)).contains("BEGIN PRIVATE KEY");
        try (Fixture f = new Fixture(Map.of("http.tls.certChain", cert.toString(), "http.tls.key", key.toString()))) {
            assertServesTls(f);
        }
    }

    private static void assertServesTls(Fixture f) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
        String base = "https://localhost:" + f.app.httpPort();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                v -> assertThat(v).startsWith("max-age="));
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("; Secure").contains("HttpOnly").contains("SameSite=Strict"));
        HttpClient plain = HttpClient.newHttpClient();
        boolean plainRefused;
        try {
            plainRefused = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + f.app.httpPort()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() != 200;
        } catch (IOException e) {
            plainRefused = true;
        }
        assertThat(plainRefused).as("plain HTTP on the TLS port").isTrue();
    }

    private static SSLContext trustAll() throws Exception {
        TrustManager tm = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
        return ctx;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
