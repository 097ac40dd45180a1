package io.jenkins.plugins.packer.provisioner.ansible;

import io.jenkins.plugins.packer.run.Communicator;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scp protocol's two ends for the proxy, as Packer's adapter serves them: {@code scp -t TARGET} (the client
 * sends one file, which becomes the communicator's upload to TARGET) and {@code scp -f SOURCE} (the communicator's
 * download of SOURCE is sent as one file). Ansible sends and fetches single files; directories are refused.
 */
final class ScpRelay {

    enum Mode { SINK, SOURCE }

    private static final byte[] OK = {0};
    private static final byte[] EMPTY_ERROR = {2, '\n'};
    private static final Pattern FILE = Pattern.compile("([0-7]{4}) (\\d+) (\\S+)");
    private static final Pattern TIME = Pattern.compile("(\\d+) 0 (\\d+) 0");

    private ScpRelay() {
    }

    /** The mode the options of {@code scp ARGS} ask for, or null when neither {@code -t} nor {@code -f} is there. */
    static Mode mode(String args) {
        String opts = options(args)[0];
        return opts.indexOf('t') >= 0 ? Mode.SINK : opts.indexOf('f') >= 0 ? Mode.SOURCE : null;
    }

    /** Serves one scp session; returns the exit status the client gets (0, or 1 when it failed). */
    static int serve(Mode mode, String args, InputStream rawIn, OutputStream out, Communicator comm)
            throws IOException {
        String path = unquote(options(args)[1]).trim();
        BufferedInputStream in = new BufferedInputStream(rawIn);
        if (path.isEmpty()) {
            out.write(EMPTY_ERROR);
            return 1;
        }
        try {
            if (mode == Mode.SINK) {
                out.write(OK);
                receive(path, in, out, comm);
            } else {
                send(path, in, out, comm);
            }
            return 0;
        } catch (ProtocolException e) {
            out.write(EMPTY_ERROR);
            return 1;
        } catch (IOException e) {
            return 1;
        }
    }

    private static void receive(String target, BufferedInputStream in, OutputStream out, Communicator comm)
            throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            String line = line(in);
            if (b == 'T') {
                if (!TIME.matcher(line).matches()) {
                    throw new ProtocolException();
                }
                out.write(OK);
            } else if (b == 'C') {
                Matcher m = FILE.matcher(line);
                if (!m.matches()) {
                    throw new ProtocolException();
                }
                out.write(OK);
                long size = Long.parseLong(m.group(2));
                try {
                    comm.upload(target, new Bounded(in, size), size, Integer.parseInt(m.group(1), 8));
                } catch (IOException e) {
                    throw new ProtocolException();
                }
                response(in);
                out.write(OK);
                return;
            } else if (b == 'E') {
                out.write(OK);
                return;
            } else {
                throw new ProtocolException();
            }
        }
    }

    /** The file is fetched to a temporary file first, as Packer's adapter does: scp announces its size up front. */
    private static void send(String source, BufferedInputStream in, OutputStream out, Communicator comm)
            throws IOException {
        Path data = Files.createTempFile("ansible-download", "");
        try {
            try (OutputStream file = Files.newOutputStream(data)) {
                comm.download(source, file);
            } catch (IOException e) {
                throw new ProtocolException();
            }
            response(in);
            String name = source.substring(source.lastIndexOf('/') + 1);
            out.write(("C0644 " + Files.size(data) + " " + name + "\n").getBytes(StandardCharsets.UTF_8));
            response(in);
            Files.copy(data, out);
            out.write(OK);
            response(in);
        } finally {
            Files.deleteIfExists(data);
        }
    }

    /** The client's answer: 0, a warning (1, then a line), or an error (2, then a line). */
    private static void response(InputStream in) throws IOException {
        int code = in.read();
        if (code < 0) {
            throw new EOFException();
        }
        if (code != 0) {
            String message = line(in);
            if (code > 1) {
                throw new IOException(message);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Splits {@code -t -p PATH} into its option letters and the rest, as Packer's adapter reads them. */
    static String[] options(String s) {
        StringBuilder opts = new StringBuilder();
        int end = 0;
        boolean opt = false;
        for (int i = 0; i < s.length(); i++) {
            char b = s.charAt(i);
            if (b == ' ') {
                opt = false;
            } else if (b == '-') {
                opt = true;
            } else if (opt) {
                opts.append(b);
            } else {
                break;
            }
            end++;
        }
        return new String[] {opts.toString(), s.substring(end)};
    }

    /** The words of a shell-quoted path joined together: Ansible quotes the paths it gives scp. */
    static String unquote(String s) {
        StringBuilder sb = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote == '\'') {
                if (ch == '\'') {
                    quote = 0;
                } else {
                    sb.append(ch);
                }
            } else if (quote == '"') {
                if (ch == '"') {
                    quote = 0;
                } else if (ch == '\\' && i + 1 < s.length()) {
                    sb.append(s.charAt(++i));
                } else {
                    sb.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(++i));
            } else if (ch != ' ' && ch != '\t' && ch != '\n') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** A failure the client is told of with scp's empty error. */
    private static final class ProtocolException extends IOException {
        ProtocolException() {
            super("scp protocol error");
        }
    }

    /** The next {@code size} bytes of a stream, which stays open. */
    private static final class Bounded extends FilterInputStream {

        private long left;

        Bounded(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // The session's stream goes on after the file.
        }
    }
}
