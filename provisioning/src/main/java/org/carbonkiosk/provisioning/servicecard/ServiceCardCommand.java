package org.carbonkiosk.provisioning.servicecard;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.FileOwner;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.OwnerOption;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import org.carbonkiosk.provisioning.hardware.CardTap;
import org.carbonkiosk.provisioning.hardware.ToolHardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code service-card}: gives a technician's or hauler's card the service role on this kiosk (or
 * takes it away). The card is tapped on the kiosk's reader; only its token is kept, in
 * {@code identity.dir/service-cards} (0600), which the agent reads at start.
 */
@Command(name = "service-card", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Give a technician's or hauler's card the service role on this kiosk.",
        description = {"Tap the card on the kiosk's reader: its token (never its UID) is added to the kiosk's service",
            "cards (identity.dir/service-cards, mode 0600). On a bin-weighing kiosk (scale.mode=bin) a service card",
            "opens the door to empty the bin; the agent records a bin-emptied event and the card earns nothing.",
            "Stop the agent first (it holds the reader); restart it afterwards."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Done (or nothing to do).", "2:A value is invalid.", "3:Kiosk not initialised, or a file could not be"
            + " written.", "7:No card was read."})
public final class ServiceCardCommand extends ToolCommand {
    @Mixin
    ConfigOption config;
    @Mixin
    OwnerOption ownerOption;
    @Option(names = "--remove", description = "Take the service role away from the card tapped.")
    boolean remove;
    @Option(names = "--list", description = "Show how many service cards this kiosk has (the first 8 characters of each token).")
    boolean list;
    @Option(names = "--card-timeout-seconds", defaultValue = "60", description = "How long to wait for the tap (default ${DEFAULT-VALUE}).")
    long cardTimeoutSeconds;

    public ServiceCardCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException {
        if (remove && list) {
            throw ProvisionException.usage("give --remove or --list, not both");
        }
        KioskConfig kiosk = loadConfig(config.file);
        ServiceCardsFile file = new ServiceCardsFile(kiosk.serviceCardsFile());
        Set<String> cards = new TreeSet<>(read(file));
        if (list) {
            say(kiosk.deviceId() + " has " + cards.size() + " service card" + (cards.size() == 1 ? "" : "s") + ".");
            cards.forEach(t -> say("  " + t.substring(0, 8) + "..."));
            return ExitCodes.OK;
        }
        String token = tap(kiosk);
        boolean changed = remove ? cards.remove(token) : cards.add(token);
        String card = "card " + token.substring(0, 8) + "...";
        if (!changed) {
            say(remove ? card + " is not a service card of this kiosk: nothing to do."
                    : card + " is already a service card of this kiosk: nothing to do.");
            return ExitCodes.OK;
        }
        try {
            file.write(cards);
            FileOwner.apply(ownerOption.resolve(), file.path());
        } catch (IOException e) {
            throw ProvisionException.local("cannot write " + file.path() + ": " + e.getMessage());
        }
        say((remove ? "Service role taken from " : "Service role given to ") + card + " (" + cards.size()
                + " service card" + (cards.size() == 1 ? "" : "s") + " in " + file.path() + ").");
        if (kiosk.scaleMode() == ScaleMode.TRAY) {
            say("Note: this kiosk has scale.mode=tray: there is no bin weight to record, so its agent ignores"
                    + " service cards.");
        }
        say("Restart the agent so it reads the change: sudo systemctl restart kiosk-agent");
        return ExitCodes.OK;
    }

    private String tap(KioskConfig kiosk) throws IOException {
        byte[] fleetKey = new FleetCardKeyFile(kiosk.cardKeyFile()).read();
        say("Tap the technician's or hauler's card on the reader (waiting up to " + cardTimeoutSeconds + " s)...");
        Optional<String> token;
        try (ToolHardware hardware = env.hardware().open(kiosk)) {
            token = CardTap.token(hardware, fleetKey, Duration.ofSeconds(cardTimeoutSeconds));
        }
        return token.orElseThrow(() -> ProvisionException.hardware("no card read within " + cardTimeoutSeconds
                + " s: hold the card flat on the reader for a second; check the reader's cable and hardware.*"
                + " settings; is the agent stopped? (sudo systemctl stop kiosk-agent)"));
    }

    private static Set<String> read(ServiceCardsFile file) {
        try {
            return file.read();
        } catch (IOException e) {
            throw ProvisionException.local("cannot read " + file.path() + ": " + e.getMessage());
        }
    }
}
