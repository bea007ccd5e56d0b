package org.carbonkiosk.agent.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Runs N deposits through a simulated agent's control console port: tap, wait until unlocked,
 * add, close, wait until the deposit is committed (lastSeq grows). Args: port, N.
 */
public final class ConsoleDriverMain {
    private ConsoleDriverMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < n; i++) {
                long seq = lastSeq(out, in);
                out.println("tap 04" + String.format("%012x", i));
                in.readLine();
                while (!status(out, in).contains("unlocked=true")) {
                    Thread.sleep(5);
                }
                out.println("add " + (200 + i % 800));
                in.readLine();
                out.println("close");
                in.readLine();
                while (lastSeq(out, in) == seq) {
                    Thread.sleep(5);
                }
            }
        }
        System.out.println("DEPOSITS " + n);
    }

    private static String status(PrintWriter out, BufferedReader in) throws Exception {
        out.println("status");
        return in.readLine();
    }

    private static long lastSeq(PrintWriter out, BufferedReader in) throws Exception {
        String status = status(out, in);
        int i = status.indexOf("lastSeq=");
        return Long.parseLong(status.substring(i + 8, status.indexOf(' ', i)));
    }
}
