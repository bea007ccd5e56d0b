package org.carbonkiosk.simulator.ledger;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.carbonkiosk.simulator.Logging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger --port P [--token T]}: the stub ledger alone, until Ctrl-C. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Runs the stub ledger (POST /v1/credits, PROTOCOL.md section 7) until Ctrl-C.")
public final class LedgerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "port on 127.0.0.1 (0 = a free one; default ${DEFAULT-VALUE})", defaultValue = "8090")
    int port;

    @Option(names = "--token", description = "bearer token every request must carry (default: none)")
    String token;

    @Option(names = "--error-rate", description = "share of credit calls answered 500 (default ${DEFAULT-VALUE})", defaultValue = "0")
    double errorRate;

    @Option(names = "--timeout-rate", description = "share of credit calls stored but answered with a timeout (default ${DEFAULT-VALUE})", defaultValue = "0")
    double timeoutRate;

    @Option(names = "--hang-ms", description = "how long a timed-out answer hangs (default ${DEFAULT-VALUE})", defaultValue = "3000")
    long hangMillis;

    @Option(names = "--slow-ms", description = "delay before every answer (default ${DEFAULT-VALUE})", defaultValue = "0")
    long slowMillis;

    @Option(names = "--seed", description = "seed of the fault dice (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        Logging.toConsole("info");
        StubLedger ledger = StubLedger.start(port, Optional.ofNullable(token), seed);
        ledger.faults().errorRate(errorRate).timeoutAfterStoreRate(timeoutRate).hangMillis(hangMillis).slowMillis(slowMillis);
        System.out.println("stub ledger on " + ledger.url() + "/v1/credits" + (token == null ? "" : " (bearer token required)"));
        System.out.println("read totals: GET " + ledger.url() + "/v1/totals; Ctrl-C to stop");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stub ledger: " + ledger.stats());
            ledger.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
