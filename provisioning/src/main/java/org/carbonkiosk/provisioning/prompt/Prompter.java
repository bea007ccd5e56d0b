package org.carbonkiosk.provisioning.prompt;

import java.util.Optional;

/**
 * Asks the technician for a value that was not given as a flag. With no terminal attached
 * ({@link NonInteractivePrompter}) every question fails with an error naming the flag.
 */
public interface Prompter {

    /** True when a person can answer (a console is attached). */
    boolean interactive();

    /**
     * Asks for a value.
     *
     * @param flag the flag that gives this value in scripts, named in the error when nobody can answer
     * @param defaultValue offered to the technician (Enter accepts it); empty for none
     */
    String ask(String question, String flag, Optional<String> defaultValue);

    /** Asks for a secret without echoing it. */
    char[] askSecret(String question, String flag);

    /** A yes/no question; {@code flag} is the flag that answers yes in scripts. */
    boolean confirm(String question, String flag);

    /** Tells the technician to do something physical and waits for Enter (returns at once when not interactive). */
    void waitForEnter(String instruction);
}
