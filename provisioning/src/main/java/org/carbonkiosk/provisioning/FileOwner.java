package org.carbonkiosk.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

/**
 * Who gets the files the tool writes. The agent runs as user {@code kiosk} (deploy/kiosk-agent.service)
 * and must read its 0600 secrets, so when the tool runs as root (sudo) the files go to that user;
 * {@code --owner USER} chooses another, {@code --owner -} keeps them with whoever runs the tool.
 */
public final class FileOwner {
    /** The agent's service user. */
    public static final String AGENT_USER = "kiosk";
    private final UserPrincipal user;
    private final Optional<GroupPrincipal> group;

    private FileOwner(UserPrincipal user, Optional<GroupPrincipal> group) {
        this.user = user;
        this.group = group;
    }

    /**
     * @param flag the --owner value, or null: then the agent's user when running as root and it exists, else nobody
     */
    public static Optional<FileOwner> resolve(String flag) {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        if (flag != null && flag.strip().equals("-")) {
            return Optional.empty();
        }
        String name = flag != null ? flag.strip() : "root".equals(System.getProperty("user.name")) ? AGENT_USER : null;
        if (name == null) {
            return Optional.empty();
        }
        try {
            UserPrincipal user = lookup.lookupPrincipalByName(name);
            Optional<GroupPrincipal> group;
            try {
                group = Optional.of(lookup.lookupPrincipalByGroupName(name));
            } catch (UserPrincipalNotFoundException e) {
                group = Optional.empty();
            }
            return Optional.of(new FileOwner(user, group));
        } catch (UserPrincipalNotFoundException e) {
            if (flag == null) {
                return Optional.empty(); // no agent user on this machine (a laptop): files stay with root
            }
            throw ProvisionException.usage("--owner " + name + ": there is no such user on this system");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return user.getName();
    }

    /** Gives each path to the owner (its group too, when a group of the same name exists). */
    public void apply(Path... paths) throws IOException {
        for (Path p : paths) {
            PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            if (view == null) {
                continue;
            }
            view.setOwner(user);
            if (group.isPresent()) {
                view.setGroup(group.get());
            }
        }
    }

    /** As {@link #apply} when there is an owner to apply. */
    public static void apply(Optional<FileOwner> owner, Path... paths) throws IOException {
        if (owner.isPresent()) {
            owner.get().apply(paths);
        }
    }
}
