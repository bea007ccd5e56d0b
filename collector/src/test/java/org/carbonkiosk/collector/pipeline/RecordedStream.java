package org.carbonkiosk.collector.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.carbonkiosk.collector.decide.SigningDevice;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;

/**
 * A stream of event messages as a broker would deliver them, made once from a seed and then
 * replayed: good deposits of several kiosks and residents (enough to reach the monthly cap),
 * duplicates, forgeries, tampered and malformed payloads, deposits of unbound cards.
 */
final class RecordedStream {
    /** One message as delivered. */
    record Message(String topic, byte[] raw, Instant receivedAt) {
    }

    final SigningDevice.Registry registry = new SigningDevice.Registry();
    final List<SigningDevice> kiosks = new ArrayList<>();
    final List<String> boundCards = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();

    RecordedStream(long seed, int count) {
        Random random = new Random(seed);
        for (int i = 1; i <= 4; i++) {
            kiosks.add(new SigningDevice("WH-RP-000" + i, registry));
        }
        for (int i = 0; i < 6; i++) {
            boundCards.add(SigningDevice.card("resident-" + i));
        }
        String unbound = SigningDevice.card("not-yet-bound");
        SigningDevice impostor = new SigningDevice("WH-RP-0001", null);
        List<Message> sent = new ArrayList<>();
        Instant at = SigningDevice.RECEIVED;
        while (messages.size() < count) {
            at = at.plusMillis(1 + random.nextInt(5));
            SigningDevice k = kiosks.get(random.nextInt(kiosks.size()));
            int kind = random.nextInt(100);
            Message m;
            if (kind < 70) {
                // each resident at a home kiosk: one card at two kiosks at once would be a clone
                int resident = random.nextInt(boundCards.size());
                String card = random.nextInt(20) == 0 ? unbound : boundCards.get(resident);
                SigningDevice home = kiosks.get(resident % kiosks.size());
                int net = random.nextInt(20) == 0 ? 31_000 : 20 + random.nextInt(1500);
                m = new Message(home.topic(), home.sign(home.deposit(card, net)), at);
                sent.add(m);
            } else if (kind < 80 && !sent.isEmpty()) {
                Message again = sent.get(random.nextInt(sent.size()));
                m = new Message(again.topic(), again.raw(), at);
            } else if (kind < 85) {
                DepositEvent f = impostor.deposit(boundCards.get(0), 1000, k.seq + 1);
                m = new Message(Topics.event(impostor.deviceId), impostor.sign(f), at);
            } else if (kind < 90 && k.seq > 0) {
                // the genuine key, a seq already used, other content: a tamper alarm
                m = new Message(k.topic(), k.sign(k.deposit(boundCards.get(2), 777, 1 + random.nextInt((int) k.seq))),
                        at);
            } else if (kind < 95) {
                byte[] raw = k.sign(k.deposit(boundCards.get(1), 500));
                raw[raw.length / 2] = (byte) (raw[raw.length / 2] == 'A' ? 'B' : 'A');
                m = new Message(k.topic(), raw, at);
            } else {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                m = new Message(k.topic(), random.nextBoolean() ? garbage
                        : "not.a.jws".getBytes(StandardCharsets.US_ASCII), at);
            }
            messages.add(m);
        }
    }
}
