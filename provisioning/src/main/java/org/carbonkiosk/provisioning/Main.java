package org.carbonkiosk.provisioning;

/** Entry point of the provisioning; prints its usage until the module is built. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("usage: java -jar provisioning (not built yet)");
    }
}
