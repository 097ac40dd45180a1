package io.jenkins.plugins.packer.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Packer's debug log ({@code PACKER_LOG=1}): timestamped lines saying what the run does underneath its console
 * output (the version, the files read, each step, each cloud API call and its duration, each remote command,
 * retries), written to standard error or to {@code PACKER_LOG_PATH}. Every line passes the run's secret masker. A
 * log to a file also holds the console's lines, as {@code ui: …}, so that it tells the whole story alone.
 */
public final class DebugLog {

    /** The log of a run that keeps none. */
    public static final DebugLog OFF = new DebugLog(null, false, new SecretMasker(), Clock.systemUTC());

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final OutputStream out;
    private final boolean withUi;
    private final SecretMasker masker;
    private final Clock clock;

    private DebugLog(OutputStream out, boolean withUi, SecretMasker masker, Clock clock) {
        this.out = out;
        this.withUi = withUi;
        this.masker = masker;
        this.clock = clock;
    }

    /** A log to {@code sink} (null: none) masked by {@code masker}; {@code withUi}: the console's lines too. */
    public static DebugLog to(Sink sink, SecretMasker masker, Clock clock) {
        return sink == null ? OFF : new DebugLog(sink.out(), sink.file(), masker, clock);
    }

    /** Where a log goes, and whether it is a file of its own (which gets the console's lines too). */
    public record Sink(OutputStream out, boolean file) {
    }

    /**
     * Where {@code PACKER_LOG} sends the log, as Packer decides: nowhere when it is unset, empty or {@code 0}; else to
     * the file {@code PACKER_LOG_PATH} names (made anew, relative to {@code workDir}), or to {@code stderr}.
     */
    public static Sink fromEnvironment(Map<String, String> env, Path workDir, OutputStream stderr)
            throws IOException {
        String on = env.getOrDefault("PACKER_LOG", "");
        if (on.isEmpty() || on.equals("0")) {
            return null;
        }
        String path = env.getOrDefault("PACKER_LOG_PATH", "");
        if (path.isEmpty()) {
            return new Sink(stderr, false);
        }
        try {
            return new Sink(Files.newOutputStream(workDir.resolve(path)), true);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("open " + path + ": no such file or directory", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("open " + path + ": permission denied", e);
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException("open " + path + ": " + (e.getReason() == null ? "cannot be written"
                    : e.getReason().toLowerCase(java.util.Locale.ROOT)), e);
        }
    }

    public boolean enabled() {
        return out != null;
    }

    /** Writes one line (or several, each stamped), its secrets masked. */
    public void log(String message) {
        if (out == null) {
            return;
        }
        String stamp = ZonedDateTime.now(clock.withZone(ZoneId.systemDefault())).format(STAMP);
        StringBuilder sb = new StringBuilder();
        for (String line : masker.mask(message).split("\n", -1)) {
            sb.append(stamp).append(' ').append(line).append('\n');
        }
        write(sb.toString());
    }

    /** The console's text, as {@code ui: LINE} lines, when the log is a file of its own. */
    public void ui(String text) {
        if (out == null || !withUi) {
            return;
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            log("ui: " + line);
        }
    }

    private synchronized void write(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // A log that cannot be written is not worth failing the build for.
        }
    }

    /** Closes a log of its own (a file); standard error stays open. */
    public void close() {
        if (out != null && withUi) {
            try {
                out.close();
            } catch (IOException e) {
                // Nothing more to write anyway.
            }
        }
    }
}
