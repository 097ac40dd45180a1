package io.jenkins.plugins.packer.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Describes files by what they hold: compressed data decompressed, tar and zip archives listed with contents. */
final class Archives {

    private Archives() {
    }

    static String describe(byte[] b) throws IOException {
        if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return "gzip:" + describe(read(new GzipCompressorInputStream(new ByteArrayInputStream(b), true)));
        } else if (b.length > 6 && (b[0] & 0xff) == 0xfd && b[1] == '7' && b[2] == 'z' && b[3] == 'X') {
            return "xz:" + describe(read(new XZCompressorInputStream(new ByteArrayInputStream(b))));
        } else if (b.length > 4 && (b[0] & 0xff) == 0x04 && (b[1] & 0xff) == 0x22 && (b[2] & 0xff) == 0x4d
                && (b[3] & 0xff) == 0x18) {
            return "lz4:" + describe(read(new FramedLZ4CompressorInputStream(new ByteArrayInputStream(b))));
        } else if (b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            StringBuilder sb = new StringBuilder("zip:");
            try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(b))) {
                ZipArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    sb.append("\n  ").append(e.getName()).append(" ").append(describe(read(in)));
                }
            }
            return sb.toString();
        } else if (b.length >= 512 && new String(b, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            StringBuilder sb = new StringBuilder("tar:");
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(b))) {
                TarArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    sb.append("\n  ").append(e.getName()).append(" mode ")
                            .append(Integer.toOctalString(e.getMode() & 07777)).append(" size ").append(e.getSize())
                            .append(" ").append(describe(read(in)));
                }
            }
            return sb.toString();
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] read(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
