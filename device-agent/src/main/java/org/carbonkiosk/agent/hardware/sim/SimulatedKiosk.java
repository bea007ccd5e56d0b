package org.carbonkiosk.agent.hardware.sim;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.carbonkiosk.agent.hardware.BinSensor;
import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.CoinLine;
import org.carbonkiosk.agent.hardware.DoorLock;
import org.carbonkiosk.agent.hardware.DoorSwitch;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.hardware.PrizeSensor;
import org.carbonkiosk.agent.hardware.Scale;

/**
 * A whole kiosk in software: a scale with a load on it, a card reader, a door, a bin and the
 * claw's coin line and prize chute. The load stays between sessions, as in a real bin, until
 * {@link #emptyBin}. People (the control console, the simulator, tests) act on it through
 * {@link #tap}, {@link #add}, {@link #remove}, {@link #emptyBin}, {@link #openDoor}, {@link #closeDoor};
 * the agent sees it only through the hardware interfaces of {@link #hardware()}.
 */
public final class SimulatedKiosk {
    private final Object lock = new Object();
    private final Queue<byte[]> taps = new ArrayDeque<>();
    private final Queue<Integer> prizes = new ArrayDeque<>();
    private final int tareGrams;
    private int loadGrams;
    private int binFillPercent;
    private boolean unlocked;
    private boolean doorOpen;
    /** An opening not yet seen by the door switch (a script may open and close between two polls). */
    private boolean doorOpenedUnseen;
    private boolean scaleFailing;
    private int playsGranted;

    /** @param tareGrams what the empty scale reads (the bin itself) */
    public SimulatedKiosk(int tareGrams) {
        this.tareGrams = tareGrams;
    }

    public void tap(byte[] uid) {
        synchronized (lock) {
            taps.add(uid.clone());
        }
    }

    /** Drops items in; opens the door first if it is unlocked and closed. */
    public void add(int grams) {
        synchronized (lock) {
            if (unlocked) {
                doorOpen = true;
                doorOpenedUnseen = true;
            }
            loadGrams += grams;
        }
    }

    /** Takes items out (a negative net weight for the session). */
    public void remove(int grams) {
        synchronized (lock) {
            if (unlocked) {
                doorOpen = true;
                doorOpenedUnseen = true;
            }
            loadGrams -= grams;
        }
    }

    /**
     * Empties the bin (a hauler's work): everything put in is taken out, the bin itself stays, so
     * the scale reads {@code tareGrams} again. Opens the door first if it is unlocked and closed.
     *
     * @return the grams taken out
     */
    public int emptyBin() {
        synchronized (lock) {
            int removed = loadGrams;
            remove(removed);
            return removed;
        }
    }

    /** Opens the door; with the lock locked, that is forcing it. */
    public void openDoor() {
        synchronized (lock) {
            doorOpen = true;
            doorOpenedUnseen = true;
        }
    }

    public void closeDoor() {
        synchronized (lock) {
            doorOpen = false;
        }
    }

    public void setBinFillPercent(int percent) {
        synchronized (lock) {
            binFillPercent = percent;
        }
    }

    /** Makes every scale read fail (a broken cable), or heals it. */
    public void setScaleFailing(boolean failing) {
        synchronized (lock) {
            scaleFailing = failing;
        }
    }

    public void dropPrize(int slot) {
        synchronized (lock) {
            prizes.add(slot);
        }
    }

    public boolean isUnlocked() {
        synchronized (lock) {
            return unlocked;
        }
    }

    public int playsGranted() {
        synchronized (lock) {
            return playsGranted;
        }
    }

    public int loadGrams() {
        synchronized (lock) {
            return loadGrams;
        }
    }

    /** The kiosk as the agent sees it. */
    public Hardware hardware(boolean claw) {
        Scale scale = () -> {
            synchronized (lock) {
                if (scaleFailing) {
                    throw new java.io.IOException("simulated scale failure");
                }
                return tareGrams + loadGrams;
            }
        };
        CardReader reader = () -> {
            synchronized (lock) {
                return Optional.ofNullable(taps.poll());
            }
        };
        DoorLock doorLock = new DoorLock() {
            @Override
            public void unlock() {
                synchronized (lock) {
                    unlocked = true;
                }
            }

            @Override
            public void lock() {
                synchronized (lock) {
                    unlocked = false;
                }
            }
        };
        // The switch reports an opening at least once, even when the door was closed again before the poll.
        DoorSwitch door = () -> {
            synchronized (lock) {
                boolean open = doorOpen || doorOpenedUnseen;
                doorOpenedUnseen = false;
                return open;
            }
        };
        BinSensor bin = () -> {
            synchronized (lock) {
                return binFillPercent;
            }
        };
        CoinLine coin = plays -> {
            synchronized (lock) {
                playsGranted += plays;
            }
        };
        PrizeSensor prize = () -> {
            synchronized (lock) {
                return Optional.ofNullable(prizes.poll());
            }
        };
        return new Hardware(scale, reader, doorLock, door, bin,
                claw ? Optional.of(coin) : Optional.empty(), claw ? Optional.of(prize) : Optional.empty(), () -> { });
    }
}
