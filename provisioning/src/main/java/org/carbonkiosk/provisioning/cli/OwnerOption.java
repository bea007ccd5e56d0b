package org.carbonkiosk.provisioning.cli;

import java.util.Optional;
import org.carbonkiosk.provisioning.FileOwner;
import picocli.CommandLine.Option;

/** {@code --owner}: who gets the files written into the identity and data folders. */
public final class OwnerOption {
    @Option(names = "--owner", paramLabel = "USER",
            description = "Owner of the files written (default: the agent's user 'kiosk' when run as root and it"
                    + " exists; '-' keeps the current user).")
    public String owner;

    public Optional<FileOwner> resolve() {
        return FileOwner.resolve(owner);
    }
}
