package org.carbonkiosk.collector;

import org.carbonkiosk.config.ConfigException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carbonkiosk.collector.api.ApiTokens;
import org.carbonkiosk.collector.api.Role;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoreSettings;
import org.carbonkiosk.collector.store.TokenStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar kiosk-collector.jar tokens create|list|revoke}: API tokens in the database the
 * collector's configuration names (the same {@code --config} file and {@code KIOSK_*} variables).
 */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Creates, lists and revokes API tokens.",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public final class TokensCommand {
    @Option(names = "--config", description = "the collector's properties file", scope = CommandLine.ScopeType.INHERIT)
    Path config;

    private static final Map<String, String> ENV = System.getenv();

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new TokensCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("tokens: " + e.getMessage());
            return e instanceof ConfigException ? 2 : 1;
        });
        cl.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        return cl.execute(args);
    }

    Store open() {
        StoreSettings c = CollectorConfig.load(Optional.ofNullable(config), ENV).store();
        try {
            java.nio.file.Files.createDirectories(c.dataDir());
        } catch (java.io.IOException e) {
            throw new ConfigException("data.dir", "cannot create " + c.dataDir() + ": " + e.getMessage());
        }
        return Store.open(c.effectiveDbUrl(), 2);
    }

    @Command(name = "create", description = "Makes a token and prints it once; only its SHA-256 is stored.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand
        TokensCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--role", required = true, description = "viewer, operator or admin")
        String role;
        @Option(names = "--name", required = true, description = "who or what uses it, e.g. \"Hongshan office\"")
        String name;

        @Override
        public Integer call() {
            Optional<Role> r = Role.fromWire(role.toLowerCase(Locale.ROOT));
            if (r.isEmpty()) {
                spec.commandLine().getErr().println("--role must be viewer, operator or admin");
                return 2;
            }
            try (Store store = parent.open()) {
                ApiTokens.Created c = new ApiTokens(store.db(), null, Clock.systemUTC()).create(name, r.get(),
                        "tokens command (" + System.getProperty("user.name", "?") + ")");
                var out = spec.commandLine().getOut();
                out.println("token " + c.row().id() + " (" + c.row().role() + ", \"" + c.row().name() + "\"):");
                out.println(c.token());
                out.println("This is the only time the token is shown; the collector keeps only its SHA-256.");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Lists tokens (never their values).")
    static final class ListTokens implements Callable<Integer> {
        @CommandLine.ParentCommand
        TokensCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store store = parent.open()) {
                var out = spec.commandLine().getOut();
                out.printf("%-5s %-9s %-26s %-28s %s%n", "id", "role", "created", "revoked", "name");
                for (TokenStore.TokenRow t : new ApiTokens(store.db(), null, Clock.systemUTC()).list()) {
                    out.printf("%-5d %-9s %-26s %-28s %s%n", t.id(), t.role(), seconds(t.createdAt()),
                            t.revokedAt().map(ListTokens::seconds).orElse("-"), t.name());
                }
                out.flush();
            }
            return 0;
        }

        private static String seconds(String instant) {
            return instant.replaceAll("\\.\\d+Z$", "Z");
        }
    }

    @Command(name = "revoke", description = "Revokes a token by its id: it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.ParentCommand
        TokensCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "the token's id (see tokens list)")
        long id;

        @Override
        public Integer call() {
            try (Store store = parent.open()) {
                boolean done = new ApiTokens(store.db(), null, Clock.systemUTC()).revoke(id);
                if (!done) {
                    spec.commandLine().getErr().println("no active token " + id);
                    return 1;
                }
                spec.commandLine().getOut().println("token " + id + " revoked");
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
