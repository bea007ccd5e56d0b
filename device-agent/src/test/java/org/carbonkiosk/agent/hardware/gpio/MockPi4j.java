package org.carbonkiosk.agent.hardware.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import com.pi4j.provider.Provider;

/** A pi4j context made of the mock plugin's providers only (test scope). */
public final class MockPi4j {
    private MockPi4j() {
    }

    /** Mock GPIO, SPI and I2C, each replaced by one of {@code overrides} of the same kind. */
    public static Context context(Provider<?, ?, ?>... overrides) {
        var builder = Pi4J.newContextBuilder().noAutoDetectPlatforms().noAutoDetectProviders()
                .add(new MockPlatform());
        boolean spi = false;
        boolean i2c = false;
        for (Provider<?, ?, ?> p : overrides) {
            spi |= p instanceof com.pi4j.io.spi.SpiProvider;
            i2c |= p instanceof com.pi4j.io.i2c.I2CProvider;
            builder.add(p);
        }
        builder.add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance());
        if (!spi) {
            builder.add(MockSpiProvider.newInstance());
        }
        if (!i2c) {
            builder.add(MockI2CProvider.newInstance());
        }
        return builder.build();
    }
}
