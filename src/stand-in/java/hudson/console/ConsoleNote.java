package hudson.console;

import hudson.ExtensionPoint;
import hudson.MarkupText;
import hudson.model.Describable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Mirrors jenkins-core {@code hudson.console.ConsoleNote}: markup hidden in a log line. Encoded as Jenkins encodes it
 * (the preamble, base64 of the gzipped serialized note with its length, the postamble), without Jenkins' MAC, which
 * only a running Jenkins holds; reading it back accepts that unsigned form.
 */
public abstract class ConsoleNote<T> implements Serializable, Describable<ConsoleNote<?>>, ExtensionPoint {

    private static final long serialVersionUID = 1L;
    public static final String PREAMBLE_STR = "\u001B[8mha:";
    public static final String POSTAMBLE_STR = "\u001B[0m";
    public static final byte[] PREAMBLE = PREAMBLE_STR.getBytes(StandardCharsets.UTF_8);
    public static final byte[] POSTAMBLE = POSTAMBLE_STR.getBytes(StandardCharsets.UTF_8);

    public abstract ConsoleAnnotator annotate(T context, MarkupText text, int charPos);

    public String encode() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(gz))) {
            out.writeObject(this);
        }
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(framed)) {
            d.writeInt(-gz.size());
            d.write(gz.toByteArray());
        }
        return PREAMBLE_STR + Base64.getEncoder().encodeToString(framed.toByteArray()) + POSTAMBLE_STR;
    }

    public static ConsoleNote readFrom(DataInputStream in) throws IOException, ClassNotFoundException {
        byte[] preamble = new byte[PREAMBLE.length];
        in.readFully(preamble);
        if (!Arrays.equals(preamble, PREAMBLE)) {
            return null;
        }
        byte[] buf;
        try (DataInputStream decoded = new DataInputStream(Base64.getDecoder().wrap(in))) {
            int size = -decoded.readInt();
            if (size < 0) {
                throw new IOException("a signed note: only a running Jenkins reads those");
            }
            buf = new byte[size];
            decoded.readFully(buf);
        }
        byte[] postamble = new byte[POSTAMBLE.length];
        in.readFully(postamble);
        if (!Arrays.equals(postamble, POSTAMBLE)) {
            return null;
        }
        try (ObjectInputStream ois = new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(buf)))) {
            return (ConsoleNote) ois.readObject();
        }
    }

    public static String removeNotes(String line) {
        while (true) {
            int start = line.indexOf(PREAMBLE_STR);
            if (start < 0) {
                return line;
            }
            int end = line.indexOf(POSTAMBLE_STR, start);
            if (end < 0) {
                return line;
            }
            line = line.substring(0, start) + line.substring(end + POSTAMBLE_STR.length());
        }
    }
}
