package org.carbonkiosk.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class LinkProxyTest {

    @Test
    void relay_passesBytesUntilCutAndAgainAfterRestore() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!echo.isClosed()) {
                    try (Socket s = echo.accept()) {
                        s.getOutputStream().write(s.getInputStream().read());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            try (LinkProxy proxy = LinkProxy.start("K-1", "127.0.0.1", echo.getLocalPort())) {
                assertThat(roundTrip(proxy.port(), 42)).isEqualTo(42);

                proxy.cut();
                assertThat(roundTrip(proxy.port(), 43)).isEqualTo(-1);

                proxy.restore();
                assertThat(roundTrip(proxy.port(), 44)).isEqualTo(44);
            }
        }
    }

    private static int roundTrip(int port, int value) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            try {
                out.write(value);
                out.flush();
                return in.read();
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
