package org.carbonkiosk.provisioning.prompt;

import java.util.Optional;
import org.carbonkiosk.provisioning.ProvisionException;

/** No terminal: every missing value is an error that names its flag. */
public final class NonInteractivePrompter implements Prompter {

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public String ask(String question, String flag, Optional<String> defaultValue) {
        throw ProvisionException.missingFlag(flag, question);
    }

    @Override
    public char[] askSecret(String question, String flag) {
        throw ProvisionException.missingFlag(flag, question);
    }

    @Override
    public boolean confirm(String question, String flag) {
        throw ProvisionException.missingFlag(flag, "A confirmation (" + question + ")");
    }

    @Override
    public void waitForEnter(String instruction) {
        // nobody to press Enter: the caller waits for the hardware instead
    }
}
