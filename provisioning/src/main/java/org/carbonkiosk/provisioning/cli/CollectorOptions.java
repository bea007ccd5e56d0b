package org.carbonkiosk.provisioning.cli;

import picocli.CommandLine.Option;

/** {@code --collector} and {@code --token}, shared by the commands that write to the collector. */
public final class CollectorOptions {
    @Option(names = "--collector", paramLabel = "URL",
            description = "Collector base URL, e.g. https://collector.example (default: provisioning.collectorUrl).")
    public String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Technician token (better: $" + ToolCommand.TOKEN_VARIABLE + ", or type it when asked). Never shown.")
    public String token;
}
