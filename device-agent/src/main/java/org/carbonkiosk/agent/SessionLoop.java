package org.carbonkiosk.agent;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tinylog.Logger;

/**
 * The agent's one session thread: the session, its periodic tasks and receipts all run here, so
 * the session state is never touched by two threads. A periodic task that fails is logged and
 * runs again next time.
 */
final class SessionLoop {
    /** A task that may throw; the loop logs what it throws. */
    interface Task {
        void run() throws Exception;
    }

    private final String deviceId;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiosk-session");
        t.setDaemon(true);
        return t;
    });

    SessionLoop(String deviceId) {
        this.deviceId = deviceId;
    }

    void every(String what, long initialDelayMs, long periodMs, Task task) {
        executor.scheduleWithFixedDelay(guard(what, task), initialDelayMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void execute(String what, Task task) {
        executor.execute(guard(what, task));
    }

    /** Runs {@code task} on the loop and waits (30 s at most) for its result. */
    <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the session thread did not answer in 30 s", e);
        }
    }

    /** Runs {@code last} on the loop (5 s at most), then stops the loop after its current step. */
    void stop(Task last) {
        try {
            executor.submit(() -> {
                last.run();
                return null;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("could not lock the door at shutdown deviceId={}: {}", deviceId, e.toString());
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable guard(String what, Task task) {
        return () -> {
            try {
                task.run();
            } catch (Exception | Error e) {
                // A periodic task must never die: the next run tries again.
                Logger.error(e, "{} failed deviceId={}", what, deviceId);
            }
        };
    }
}
