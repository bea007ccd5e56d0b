package org.carbonkiosk.collector.api;

import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.collector.tls.TlsFiles;
import java.security.KeyStore;
import java.security.GeneralSecurityException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.tinylog.Logger;

/**
 * The HTTP server (Jetty): a bounded thread pool, idle, header, body and connection limits, TLS
 * with HSTS when configured, and the security headers of every answer. It reads the request
 * (body limited) and hands it to the dispatcher: the API's {@link Router} or the console.
 */
public final class HttpApi implements AutoCloseable {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private final Server server;
    private final ServerConnector connector;
    private final HttpSettings options;
    private final Route.Handler dispatcher;

    public HttpApi(HttpSettings options, Route.Handler dispatcher) {
        this.options = options;
        this.dispatcher = dispatcher;
        // maxThreads bounds the threads; the job queue stays Jetty's growable one (a bounded queue can drop
        // Jetty's own tasks): it cannot grow past one request per connection, and connections are bounded.
        QueuedThreadPool pool = new QueuedThreadPool(options.maxThreads(), Math.min(4, options.maxThreads()));
        pool.setName("http");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(options.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        if (options.tls()) {
            http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            char[] password = "collector".toCharArray();
            ssl.setKeyStore(keyStore(options, password));
            ssl.setKeyStorePassword(options.tlsPkcs12().isPresent() ? options.tlsPkcs12Password() : "collector");
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, plain.getProtocol()), plain);
        } else {
            connector = new ServerConnector(server, 1, 1, plain);
        }
        connector.setHost(options.bind());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(options.maxConnections(), connector));
        server.setErrorHandler(new JsonErrors());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                 Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    public void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        Logger.info("HTTP {} on {}:{} ({})", options.tls() ? "with TLS" : "without TLS", connector.getHost(),
                port(), options);
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void serve(org.eclipse.jetty.server.Request jetty, org.eclipse.jetty.server.Response out,
                       Callback callback) {
        Response answer;
        try {
            Map<String, String> headers = headers(jetty.getHeaders());
            byte[] body = body(jetty, headers.get("content-length"));
            String path = jetty.getHttpURI().getPath();
            answer = dispatcher.handle(new Request(jetty.getMethod(), path == null ? "/" : path, List.of(),
                    UrlEncoded.parse(jetty.getHttpURI().getQuery()), body, headers, null));
        } catch (HttpError e) {
            answer = Router.error(e.status(), e.code(), e.getMessage());
        } catch (IOException e) {
            answer = Router.error(400, "bad-request", "could not read the request: " + e.getMessage());
        } catch (RuntimeException e) {
            Logger.error(e, "HTTP: unexpected failure");
            answer = Router.error(500, "internal", "internal error");
        }
        write(out, answer, callback);
    }

    private void write(org.eclipse.jetty.server.Response out, Response answer, Callback callback) {
        out.setStatus(answer.status());
        HttpFields.Mutable h = out.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", CSP);
        if (options.tls()) {
            h.put("Strict-Transport-Security", "max-age=" + options.hstsMaxAge().toSeconds());
        }
        boolean cacheSet = false;
        for (Response.Header x : answer.headers()) {
            h.add(x.name(), x.value());
            cacheSet |= x.name().equalsIgnoreCase("Cache-Control");
        }
        if (!cacheSet) {
            h.put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        h.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        out.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    private static Map<String, String> headers(HttpFields fields) {
        Map<String, String> all = new HashMap<>();
        for (HttpField f : fields) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            String sep = name.equals("cookie") ? "; " : ", ";
            all.merge(name, f.getValue() == null ? "" : f.getValue(), (a, b) -> a + sep + b);
        }
        return all;
    }

    /** The body, at most {@code maxBodyBytes} (413), arrived within {@code requestTimeout} (408). */
    private byte[] body(org.eclipse.jetty.server.Request jetty, String contentLength) throws IOException {
        int max = options.maxBodyBytes();
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > max) {
                    throw new HttpError(413, "too-large", "request body over " + max + " bytes");
                }
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("bad Content-Length");
            }
        }
        long deadline = System.nanoTime() + options.requestTimeout().toNanos();
        try (InputStream in = org.eclipse.jetty.server.Request.asInputStream(jetty)) {
            byte[] buf = new byte[Math.min(max + 1, 8192)];
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
                if (all.size() > max) {
                    throw new HttpError(413, "too-large", "request body over " + max + " bytes");
                }
                if (System.nanoTime() > deadline) {
                    throw new HttpError(408, "request-timeout", "the request body took longer than "
                            + options.requestTimeout().toSeconds() + " s");
                }
            }
            return all.toByteArray();
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            Logger.warn("HTTP server stop: {}", e.getMessage());
        }
    }

    /** The server's key and chain: a PKCS#12 file, or a PEM chain with its PKCS#8 key. */
    private static KeyStore keyStore(HttpSettings o, char[] password) {
        try {
            if (o.tlsPkcs12().isPresent()) {
                return TlsFiles.pkcs12(o.tlsPkcs12().get(), o.tlsPkcs12Password());
            }
            return TlsFiles.fromPem(o.tlsCertChain().orElseThrow(), "http.tls.certChain", o.tlsKey().orElseThrow(),
                    "http.tls.key", password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(o.tlsPkcs12().isPresent() ? "http.tls.pkcs12" : "http.tls.certChain",
                    "cannot load the TLS key and certificate: " + e.getMessage());
        }
    }
}
