package org.carbonkiosk.simulator.load;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The round trip a collector is compared with: through the same broker, a trivial subscriber
 * that answers each message at once (QoS 1 both ways, like event and receipt).
 */
final class EchoBaseline {
    private EchoBaseline() {
    }

    /** Publish-to-answer latencies in milliseconds, sorted, of {@code rate * seconds} messages at {@code rate}. */
    static double[] latencies(MqttBench mqtt, double rate, int seconds) throws InterruptedException {
        int n = (int) Math.max(200, rate * seconds);
        Mqtt5AsyncClient[] echo = new Mqtt5AsyncClient[1];
        echo[0] = mqtt.subscriber("echo", "bench/echo/request", p ->
                MqttBench.publish(echo[0], "bench/echo/answer", p.getPayloadAsBytes()));
        Map<Integer, Long> answered = new ConcurrentHashMap<>();
        mqtt.subscriber("echo-answers", "bench/echo/answer", p ->
                answered.putIfAbsent(ByteBuffer.wrap(p.getPayloadAsBytes()).getInt(), System.nanoTime()));
        Mqtt5AsyncClient pub = mqtt.connect("echo-pub");
        long[] sent = new long[n];
        byte[] filler = new byte[600]; // about the size of an event
        WorstDayCommand.paced(n, rate, i -> {
            byte[] m = Arrays.copyOf(filler, filler.length);
            ByteBuffer.wrap(m).putInt(i);
            sent[i] = System.nanoTime();
            MqttBench.publish(pub, "bench/echo/request", m);
        });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (answered.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            Long at = answered.get(i);
            ms[i] = at == null ? Double.POSITIVE_INFINITY : (at - sent[i]) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }
}
