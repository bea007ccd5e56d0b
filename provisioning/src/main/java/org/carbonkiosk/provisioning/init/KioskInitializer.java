package org.carbonkiosk.provisioning.init;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;
import org.carbonkiosk.agent.identity.SecureFiles;
import org.carbonkiosk.provisioning.FileOwner;
import org.carbonkiosk.provisioning.InitStep;
import org.carbonkiosk.provisioning.ProvisionException;
import org.tinylog.Logger;

/**
 * Writes a kiosk's identity and configuration so that an interruption at any point (power cut,
 * Ctrl-C, full disk) never leaves a half-configured kiosk. The rule: {@code agent.properties}
 * is the commit point, written last, and the agent does not start without it.
 * <ol>
 * <li>validate everything (nothing written yet);</li>
 * <li>write the marker {@code identity.dir/.init-incomplete};</li>
 * <li>with --force, move the old agent.properties aside ({@code agent.properties.replaced-<time>}),
 *     so from here on the kiosk is "not configured", never "configured with a mix";</li>
 * <li>move old key files and card.key into {@code identity.dir/replaced-<time>/} (kept, never deleted);</li>
 * <li>write card.key (0600), then device-key-1.pem (0600), each atomically;</li>
 * <li>write agent.properties atomically (0600, it holds the MQTT password; written complete with its
 *     owner as agent.properties.new, then renamed): the kiosk is configured;</li>
 * <li>delete the marker.</li>
 * </ol>
 * A marker without agent.properties means an init was interrupted: running init again replaces
 * its leftovers without --force (they were never enrolled: enroll needs agent.properties).
 */
public final class KioskInitializer {
    public static final String MARKER = ".init-incomplete";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private final Clock clock;
    private final InitStep.Observer observer;

    public KioskInitializer(Clock clock, InitStep.Observer observer) {
        this.clock = clock;
        this.observer = observer;
    }

    /** What init found before writing. */
    public record Existing(boolean config, List<Path> identityFiles, boolean interrupted) {
        public boolean any() {
            return config || !identityFiles.isEmpty();
        }
    }

    public static Existing inspect(Path configFile, Path identityDir) throws IOException {
        List<Path> files = new ArrayList<>(new DeviceKeyStore(identityDir).keyFiles());
        Path cardKey = identityDir.resolve("card.key");
        if (Files.exists(cardKey)) {
            files.add(cardKey);
        }
        boolean config = Files.exists(configFile);
        boolean interrupted = Files.exists(identityDir.resolve(MARKER)) && !config;
        return new Existing(config, List.copyOf(files), interrupted);
    }

    /** Refuses early (before any question about the rest) when the kiosk is initialised and --force is absent. */
    public static void refuseExisting(Path configFile, Path identityDir, boolean force) throws IOException {
        Existing existing = inspect(configFile, identityDir);
        if (existing.any() && !force && !existing.interrupted()) {
            throw alreadyInitialised(existing, configFile);
        }
    }

    /** Runs the steps above; returns the new signing key (its private half stays in this process). */
    public DeviceKeyStore.SigningKey run(InitPlan plan) {
        try {
            return write(plan);
        } catch (AccessDeniedException e) {
            throw ProvisionException.local("permission denied writing " + e.getFile()
                    + ": run the tool as the kiosk's service user or with sudo. The kiosk is not configured;"
                    + " run init again.");
        } catch (IOException e) {
            throw ProvisionException.local("init could not write its files: " + e.getMessage()
                    + ". The kiosk is not configured (no agent.properties); fix the cause and run init again.");
        }
    }

    private DeviceKeyStore.SigningKey write(InitPlan plan) throws IOException {
        Existing existing = inspect(plan.configFile(), plan.identityDir());
        if (existing.any() && !plan.force() && !existing.interrupted()) {
            throw alreadyInitialised(existing, plan.configFile());
        }
        observer.reached(InitStep.VALIDATED);
        createPrivateDir(plan.identityDir());
        Files.createDirectories(plan.dataDir());
        FileOwner.apply(plan.owner(), plan.identityDir(), plan.dataDir());
        String stamp = STAMP.format(clock.instant().atZone(clock.getZone()));
        SecureFiles.writeAtomically(plan.identityDir().resolve(MARKER),
                ("init started " + clock.instant() + "\n").getBytes(StandardCharsets.US_ASCII));
        observer.reached(InitStep.MARKER_WRITTEN);
        if (existing.config()) {
            Path aside = plan.configFile().resolveSibling(plan.configFile().getFileName() + ".replaced-" + stamp);
            SecureFiles.renameAtomically(plan.configFile(), aside);
            Logger.info("init: old configuration moved to {}", aside);
        }
        observer.reached(InitStep.OLD_CONFIG_SET_ASIDE);
        if (!existing.identityFiles().isEmpty()) {
            Path aside = plan.identityDir().resolve("replaced-" + stamp);
            createPrivateDir(aside);
            for (Path file : existing.identityFiles()) {
                SecureFiles.renameAtomically(file, aside.resolve(file.getFileName()));
            }
            Logger.info("init: old identity files moved to {}", aside);
        }
        observer.reached(InitStep.OLD_IDENTITY_SET_ASIDE);
        FleetCardKeyFile cardKey = new FleetCardKeyFile(plan.identityDir().resolve("card.key"));
        cardKey.write(plan.fleetCardKey());
        FileOwner.apply(plan.owner(), cardKey.path());
        observer.reached(InitStep.CARD_KEY_WRITTEN);
        DeviceKeyStore store = new DeviceKeyStore(plan.identityDir());
        DeviceKeyStore.SigningKey key = store.createFirst();
        FileOwner.apply(plan.owner(), store.keyFiles().toArray(new Path[0]));
        observer.reached(InitStep.DEVICE_KEY_WRITTEN);
        // The commit point: complete (content, 0600, owner) under a side name, then one atomic rename.
        Path staged = plan.configFile().resolveSibling(plan.configFile().getFileName() + ".new");
        SecureFiles.writeSecret(staged, PropertiesText.render(
                "Carbon Kiosk agent configuration, written by kiosk-provision init at " + clock.instant()
                        + ".\nHolds the MQTT password: keep it mode 0600.", plan.properties()));
        FileOwner.apply(plan.owner(), staged);
        SecureFiles.renameAtomically(staged, plan.configFile());
        observer.reached(InitStep.CONFIG_WRITTEN);
        Files.deleteIfExists(plan.identityDir().resolve(MARKER));
        observer.reached(InitStep.DONE);
        Logger.info("init: deviceId={} keyVersion=1 configured", plan.properties().get("device.id"));
        return key;
    }

    private static ProvisionException alreadyInitialised(Existing existing, Path configFile) {
        List<String> found = new ArrayList<>();
        if (existing.config()) {
            found.add(configFile.toString());
        }
        existing.identityFiles().forEach(p -> found.add(p.toString()));
        return ProvisionException.local("This kiosk is already initialised (found " + String.join(", ", found) + ")."
                + " Refusing to overwrite an existing identity. If this kiosk is really being set up again, run init"
                + " with --force: the old files are kept aside, and the new key must be enrolled again.");
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }
}
