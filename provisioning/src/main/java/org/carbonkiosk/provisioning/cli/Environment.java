package org.carbonkiosk.provisioning.cli;

import java.time.Clock;
import java.util.Map;
import org.carbonkiosk.client.RetryPolicy;
import org.carbonkiosk.provisioning.InitStep;
import org.carbonkiosk.provisioning.hardware.HardwareProvider;
import org.carbonkiosk.provisioning.hardware.NtpProbe;
import org.carbonkiosk.provisioning.hardware.SystemHardwareProvider;
import org.carbonkiosk.provisioning.prompt.ConsolePrompter;
import org.carbonkiosk.provisioning.prompt.Prompter;

/** Everything the commands take from the outside world, injected so tests can replace it. */
public record Environment(Prompter prompter, Map<String, String> variables, Clock clock, HardwareProvider hardware,
                          RetryPolicy retry, NtpProbe ntp, InitStep.Observer initObserver) {

    public static Environment system() {
        return new Environment(ConsolePrompter.forSystem(), System.getenv(), Clock.systemDefaultZone(),
                new SystemHardwareProvider(), RetryPolicy.standard(), NtpProbe.timedatectl(), InitStep.Observer.NONE);
    }

}
