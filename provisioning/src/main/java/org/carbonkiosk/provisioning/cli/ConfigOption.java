package org.carbonkiosk.provisioning.cli;

import java.nio.file.Path;
import org.carbonkiosk.provisioning.KioskConfig;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every command. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            defaultValue = "${env:KIOSK_CONFIG:-" + KioskConfig.DEFAULT_FILE + "}",
            description = "The kiosk's agent.properties (default: $KIOSK_CONFIG or ${DEFAULT-VALUE}).")
    public Path file;
}
