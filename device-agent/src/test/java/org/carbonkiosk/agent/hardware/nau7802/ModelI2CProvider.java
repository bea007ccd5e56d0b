package org.carbonkiosk.agent.hardware.nau7802;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;

/** The mock plugin's I2C provider whose devices answer register reads and writes from a chip model. */
final class ModelI2CProvider extends MockI2CProviderImpl {
    private final Nau7802Model model;

    ModelI2CProvider(Nau7802Model model) {
        this.model = model;
    }

    @Override
    public I2C create(I2CConfig config) {
        I2C i2c = new ModelI2C(this, config, model);
        this.context.registry().add(i2c);
        return i2c;
    }

    private static final class ModelI2C extends MockI2C {
        private final Nau7802Model model;

        ModelI2C(I2CProvider provider, I2CConfig config, Nau7802Model model) {
            super(provider, config);
            this.model = model;
        }

        @Override
        public int readRegister(int register) {
            return model.read(register);
        }

        @Override
        public int readRegister(int register, byte[] buffer, int offset, int length) {
            if (register != Nau7802.ADCO_B2 || length != 3) {
                throw new IllegalArgumentException("model supports the 3-byte ADCO burst only");
            }
            System.arraycopy(model.readAdc(), 0, buffer, offset, 3);
            return 3;
        }

        @Override
        public int writeRegister(int register, byte value) {
            model.write(register, value);
            return 1;
        }
    }
}
