package org.carbonkiosk.agent.hardware.mfrc522;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import com.pi4j.plugin.mock.provider.spi.MockSpiProviderImpl;

/** The mock plugin's SPI provider whose devices exchange bytes with an MFRC522 model. */
final class ModelSpiProvider extends MockSpiProviderImpl {
    private final Mfrc522Model model;

    ModelSpiProvider(Mfrc522Model model) {
        this.model = model;
    }

    @Override
    public Spi create(SpiConfig config) {
        Spi spi = new ModelSpi(this, config, model);
        this.context.registry().add(spi);
        return spi;
    }

    private static final class ModelSpi extends MockSpi {
        private final Mfrc522Model model;

        ModelSpi(SpiProvider provider, SpiConfig config, Mfrc522Model model) {
            super(provider, config);
            this.model = model;
        }

        @Override
        public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int length) {
            byte[] out = java.util.Arrays.copyOfRange(write, writeOffset, writeOffset + length);
            System.arraycopy(model.spi(out), 0, read, readOffset, length);
            return length;
        }
    }
}
