package org.carbonkiosk.agent.hardware.gpio;

/** One digital output line as a driver sees it. */
public interface OutputLine {
    void set(boolean high);
}
