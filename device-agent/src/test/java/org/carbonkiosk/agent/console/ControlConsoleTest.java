package org.carbonkiosk.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.junit.jupiter.api.Test;

class ControlConsoleTest {
    private final SimulatedKiosk kiosk = new SimulatedKiosk(0);
    private final ControlConsole console = new ControlConsole(kiosk, () -> "phase=Idle");

    @Test
    void handle_commands_actOnTheKiosk() throws Exception {
        assertThat(console.handle("tap 04A1B2C3")).isEqualTo("ok: card tapped");
        assertThat(kiosk.hardware(false).cardReader().poll()).hasValueSatisfying(uid ->
                assertThat(uid).containsExactly(0x04, 0xa1, 0xb2, 0xc3));
        assertThat(console.handle("add 500")).isEqualTo("ok: load 500 g");
        assertThat(console.handle("remove 200")).isEqualTo("ok: load 300 g");
        assertThat(console.handle("close")).isEqualTo("ok: door closed");
        assertThat(console.handle("status")).startsWith("phase=Idle").contains("load=300g");
        assertThat(console.handle("help")).contains("tap UID");
    }

    @Test
    void handle_badInput_explainsWithoutEchoingTheUid() {
        assertThat(console.handle("tap zz99")).startsWith("error:").doesNotContain("zz99");
        assertThat(console.handle("add lots")).startsWith("error:");
        assertThat(console.handle("fly")).startsWith("error: unknown command");
        assertThat(console.handle("   ")).isEmpty();
    }

    @Test
    void listen_tcp_boundToLoopbackAndAnswers() throws Exception {
        try (ConsoleServer server = new ConsoleServer(console)) {
            int port = server.listen(0);
            assertThat(server.boundAddress().isLoopbackAddress()).isTrue();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                out.println("add 120");
                assertThat(in.readLine()).isEqualTo("ok: load 120 g");
            }
        }
        assertThat(kiosk.loadGrams()).isEqualTo(120);
    }
}
