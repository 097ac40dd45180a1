package io.jenkins.plugins.packer.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Output of a command, cut into lines for the UI as Packer's {@code RunWithUi} does: at each {@code \n}, the line's
 * trailing space removed and everything up to its last {@code \r} dropped (a progress bar keeps its last state).
 * What is left at the end is a last line.
 */
public final class LineStream extends OutputStream {

    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineStream(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        sink.accept(clean(line.toString(StandardCharsets.UTF_8)));
        line.reset();
    }

    /** Packer's {@code cleanOutputLine}. */
    static String clean(String line) {
        String s = PackerUi.stripTrailingSpace(line);
        int cr = s.lastIndexOf('\r');
        return cr >= 0 ? s.substring(cr + 1) : s;
    }
}
