package org.carbonkiosk.provisioning.app;

import org.carbonkiosk.provisioning.cli.Environment;

/** {@code java -jar kiosk-provision.jar <command>}: see {@link Tool} and docs/field-guide.md. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Tool.commandLine(Environment.system()).execute(args));
    }
}
