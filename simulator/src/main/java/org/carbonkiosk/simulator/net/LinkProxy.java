package org.carbonkiosk.simulator.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * A kiosk's network link to the broker: a TCP relay on a loopback port that the simulator can
 * cut (every open connection dropped, new ones refused by an immediate close) and restore. The
 * agent sees exactly what a lost uplink looks like and reconnects by itself.
 */
public final class LinkProxy implements AutoCloseable {
    private final String name;
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private LinkProxy(String name, String targetHost, int targetPort, ServerSocket server) {
        this.name = name;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = server;
    }

    /** A relay on a free loopback port to {@code targetHost:targetPort}. */
    public static LinkProxy start(String name, String targetHost, int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            LinkProxy proxy = new LinkProxy(name, targetHost, targetPort, server);
            Thread accept = new Thread(proxy::acceptLoop, "link-" + name);
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a link proxy for " + name, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://127.0.0.1:PORT}: the MQTT URL the kiosk uses. */
    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** The link goes down: open connections are dropped, new ones refused. */
    public void cut() {
        cut = true;
        open.forEach(LinkProxy::closeQuietly);
        open.clear();
        Logger.info("link of {} cut", name);
    }

    public void restore() {
        cut = false;
        Logger.info("link of {} restored", name);
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(LinkProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                relay(client);
            } catch (IOException e) {
                if (!closed) {
                    Logger.warn("link proxy of {}: {}", name, e.getMessage());
                }
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(targetHost, targetPort);
        } catch (IOException e) {
            closeQuietly(client); // the broker itself is down: the kiosk sees a refused connection
            return;
        }
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException ignored) {
            // not important
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "link-" + name + "-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
