package org.carbonkiosk.simulator.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.simulator.Logging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code broker --port P}: the embedded HiveMQ CE broker alone (for the benchmark harness). */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs the embedded MQTT broker (HiveMQ CE) on 127.0.0.1 until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "port (0 = a free one; default ${DEFAULT-VALUE})", defaultValue = "1883")
    int port;

    @Option(names = "--dir", description = "folder for the broker's files (default: a new temporary folder)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Logging.toConsole("info");
        EmbeddedBroker broker = EmbeddedBroker.create(dir != null ? dir : Files.createTempDirectory("kiosk-broker"), port)
                .start();
        System.out.println("broker on " + broker.url() + "; Ctrl-C to stop");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
