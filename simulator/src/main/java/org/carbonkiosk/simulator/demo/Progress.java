package org.carbonkiosk.simulator.demo;

import java.time.Instant;

/**
 * Where a run is.
 *
 * @param slot     slots done
 * @param slots    slots in the plan
 * @param deposits deposits recorded so far
 * @param simTime  the simulated clock
 * @param phase    what the run is doing
 */
public record Progress(int slot, int slots, long deposits, Instant simTime, String phase) {
}
