package org.carbonkiosk.agent.hardware.keyboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Lines from a text stream (a tty in line mode, a pipe, standard input). */
public final class TextLineSource implements LineSource {
    private final BufferedReader reader;

    public TextLineSource(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    }

    @Override
    public String nextLine() throws IOException {
        return reader.readLine();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
