package org.carbonkiosk.collector;

/** Entry point of the collector; prints its usage until the module is built. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("usage: java -jar collector (not built yet)");
    }
}
