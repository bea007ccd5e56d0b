package org.carbonkiosk.simulator;

/** Entry point of the simulator; prints its usage until the module is built. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("usage: java -jar simulator (not built yet)");
    }
}
