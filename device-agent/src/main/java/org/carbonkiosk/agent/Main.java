package org.carbonkiosk.agent;

/** Entry point of the device-agent; prints its usage until the module is built. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("usage: java -jar device-agent (not built yet)");
    }
}
