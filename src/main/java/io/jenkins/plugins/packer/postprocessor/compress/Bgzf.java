package io.jenkins.plugins.packer.postprocessor.compress;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A BGZF writer (the SAM/BAM specification's blocked gzip): the data is cut into blocks of at most 65,280 bytes,
 * each written as a gzip member whose extra field {@code BC} holds the block's size, then the empty end-of-file
 * block. Any gzip reader reads it as concatenated members.
 */
final class Bgzf extends FilterOutputStream {

    private static final int BLOCK = 0xff00;
    private static final byte[] EOF_BLOCK = {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 0x42, 0x43,
        2, 0, 0x1b, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private final Deflater deflater;
    private final byte[] buffer = new byte[BLOCK];
    private int filled;

    Bgzf(OutputStream out, int level) {
        super(out);
        this.deflater = new Deflater(level, true);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, BLOCK - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK) {
                block();
            }
        }
    }

    private void block() throws IOException {
        deflater.reset();
        deflater.setInput(buffer, 0, filled);
        deflater.finish();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[BLOCK + 1024];
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            body.write(chunk, 0, n);
        }
        CRC32 crc = new CRC32();
        crc.update(buffer, 0, filled);
        int size = 18 + body.size() + 8;
        byte[] header = {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 0x42, 0x43, 2, 0,
            (byte) (size - 1), (byte) ((size - 1) >> 8)};
        out.write(header);
        body.writeTo(out);
        int c = (int) crc.getValue();
        out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) filled,
            (byte) (filled >> 8), (byte) (filled >> 16), (byte) (filled >> 24)});
        filled = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            if (filled > 0) {
                block();
            }
            out.write(EOF_BLOCK);
        } finally {
            deflater.end();
            super.close();
        }
    }
}
