package org.carbonkiosk.simulator.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code demo}: placeholder until the fleet is wired. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "The one-command demo.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("demo: not wired yet");
        return 1;
    }
}
