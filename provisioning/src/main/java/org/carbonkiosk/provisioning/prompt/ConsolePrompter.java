package org.carbonkiosk.provisioning.prompt;

import java.io.Console;
import java.util.Optional;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ProvisionException;

/** Prompts on the attached terminal ({@link System#console()}); secrets are not echoed. */
public final class ConsolePrompter implements Prompter {
    private final Console console;

    public ConsolePrompter(Console console) {
        this.console = console;
    }

    /** The console prompter when a terminal is attached, else the non-interactive one. */
    public static Prompter forSystem() {
        Console console = System.console();
        return console != null ? new ConsolePrompter(console) : new NonInteractivePrompter();
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String ask(String question, String flag, Optional<String> defaultValue) {
        String shown = question + defaultValue.map(d -> " [" + d + "]").orElse("") + ": ";
        String line = console.readLine("%s", shown);
        if (line == null) {
            throw new ProvisionException(ExitCodes.ABORTED, "input closed while asking: " + question);
        }
        line = line.trim();
        if (line.isEmpty() && defaultValue.isPresent()) {
            return defaultValue.get();
        }
        return line;
    }

    @Override
    public char[] askSecret(String question, String flag) {
        char[] secret = console.readPassword("%s: ", question);
        if (secret == null) {
            throw new ProvisionException(ExitCodes.ABORTED, "input closed while asking: " + question);
        }
        return secret;
    }

    @Override
    public boolean confirm(String question, String flag) {
        String line = console.readLine("%s [y/N]: ", question);
        return line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes"));
    }

    @Override
    public void waitForEnter(String instruction) {
        String line = console.readLine("%s Press Enter when done.", instruction);
        if (line == null) {
            throw new ProvisionException(ExitCodes.ABORTED, "input closed at: " + instruction);
        }
    }
}
