package org.carbonkiosk.provisioning.cli;

import picocli.CommandLine.IVersionProvider;

/** The jar's Implementation-Version. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"kiosk-provision " + (v == null ? "dev" : v)};
    }
}
