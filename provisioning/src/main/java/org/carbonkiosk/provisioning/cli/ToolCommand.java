package org.carbonkiosk.provisioning.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.http.CollectorClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared parts of every command: the environment, output streams, config, collector access. */
public abstract class ToolCommand implements Callable<Integer> {
    public static final String TOKEN_VARIABLE = "KIOSK_TECHNICIAN_TOKEN";
    protected final Environment env;

    @Spec
    protected CommandSpec spec;

    protected ToolCommand(Environment env) {
        this.env = env;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected void say(String line) {
        out().println(line);
        out().flush();
    }

    protected KioskConfig loadConfig(Path file) {
        return KioskConfig.load(file, env.variables());
    }

    /** The collector URL: the flag, else the config's provisioning.collectorUrl, else asked. */
    protected URI collectorUrl(String flagValue, Optional<KioskConfig> config) {
        String text = flagValue != null ? flagValue
                : config.flatMap(KioskConfig::collectorUrl)
                        .orElseGet(() -> env.prompter().ask("Collector URL", "--collector", Optional.empty()));
        return CollectorClient.parseBaseUrl(text, "--collector");
    }

    /** The technician token: the flag, else KIOSK_TECHNICIAN_TOKEN, else asked without echo. Never printed. */
    protected String token(String flagValue) {
        if (flagValue != null && !flagValue.isBlank()) {
            return flagValue.strip();
        }
        String fromEnv = env.variables().get(TOKEN_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        return new String(env.prompter().askSecret("Technician token", "--token (or " + TOKEN_VARIABLE + ")")).strip();
    }

    protected CollectorClient collector(URI base, Optional<String> token) {
        return new CollectorClient(base, token, env.retry());
    }
}
