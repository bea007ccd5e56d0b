package org.carbonkiosk.agent.session;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The stability rule: the last {@code count} readings lie within {@code band} grams of each
 * other; the settled weight is their rounded mean. A failed read breaks the run.
 */
public record Settler(List<Integer> window) {

    public Settler {
        window = List.copyOf(window);
    }

    public static Settler empty() {
        return new Settler(List.of());
    }

    public Settler add(int grams, int count) {
        List<Integer> next = new ArrayList<>(window);
        next.add(grams);
        while (next.size() > count) {
            next.remove(0);
        }
        return new Settler(next);
    }

    public Settler broken() {
        return empty();
    }

    public OptionalInt settled(int band, int count) {
        if (window.size() < count) {
            return OptionalInt.empty();
        }
        int min = window.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = window.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (max - min > band) {
            return OptionalInt.empty();
        }
        long sum = window.stream().mapToLong(Integer::longValue).sum();
        return OptionalInt.of((int) Math.round((double) sum / window.size()));
    }
}
