package org.carbonkiosk.provisioning.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MosquittoPasswordTest {
    /** Written by mosquitto_passwd 2.0.11: {@code mosquitto_passwd -b pw.txt WH-HS-0001 secret-password-1}. */
    private static final String FROM_MOSQUITTO_PASSWD = "$7$101$PpErRIWT22FP4Ycj$/GaX7JXW+xQvIhF7INCZc0kgtFLvh8lYEZ0"
            + "AarYFgwi8E563WFRDYWPuxbksKeqPCRwlmqkFmoxuU2QKMt7qwA==";

    @Test
    void matches_entryWrittenByMosquittoPasswd() {
        assertThat(MosquittoPassword.matches("secret-password-1".toCharArray(), FROM_MOSQUITTO_PASSWD)).isTrue();
        assertThat(MosquittoPassword.matches("secret-password-2".toCharArray(), FROM_MOSQUITTO_PASSWD)).isFalse();
    }

    @Test
    void hash_hasMosquittoShapeAndVerifies() {
        String entry = MosquittoPassword.hash("another-password".toCharArray());

        assertThat(entry).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(MosquittoPassword.matches("another-password".toCharArray(), entry)).isTrue();
    }

    @Test
    void hash_differentSaltEachTime() {
        assertThat(MosquittoPassword.hash("p".toCharArray())).isNotEqualTo(MosquittoPassword.hash("p".toCharArray()));
    }
}
