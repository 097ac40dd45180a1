package io.jenkins.plugins.packer.run;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Packer's console output for one run: the UIs of the builds ({@code ==> NAME: msg}, {@code     NAME: msg}, one
 * color per build), of post-processors ({@code NAME (TYPE)}), and the untargeted lines of the summary; or, in
 * machine-readable mode, {@code TIME,TARGET,TYPE,ARGS} lines. Every line passes the secret masker before it is
 * written; writes are serialized so that parallel builds never interleave within a line.
 */
public final class PackerUi {

    /** Packer's build colors in order: green, cyan, magenta, yellow, blue. */
    private static final int[] COLORS = {32, 36, 35, 33, 34};
    private static final int RED = 31;

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final UiOutput out;
    private final UiOptions options;
    private final SecretMasker masker;
    private final Clock clock;
    private final ZoneId zone;

    public PackerUi(UiOutput out, UiOptions options, SecretMasker masker, Clock clock) {
        this.out = out;
        this.options = options;
        this.masker = masker;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    public boolean machineReadable() {
        return options.machineReadable();
    }

    public boolean colored() {
        return options.color() && !options.machineReadable();
    }

    /** The UI of the {@code index}-th build (its color) named {@code target}. */
    public Ui build(String target, int index) {
        return new Targeted(target, COLORS[index % COLORS.length]);
    }

    /** The UI of a post-processor of a build, whose lines read {@code BUILD (TYPE)}. */
    public Ui postProcessor(String buildName, String type, int buildIndex) {
        return new Targeted(buildName + " (" + type + ")", COLORS[buildIndex % COLORS.length]);
    }

    /** A line of the build's own color without a prefix, such as {@code Build 'x' finished after ...}. */
    public void buildSay(String target, int index, String message) {
        if (machineReadable()) {
            machine("", "ui", "say", message);
            return;
        }
        emit(colorize(message, COLORS[index % COLORS.length], true), true);
    }

    /** A red line of a build without a prefix, such as {@code Build 'x' errored after ...}. */
    public void buildError(String target, String message) {
        if (machineReadable()) {
            machine("", "ui", "error", message);
            return;
        }
        emit(colorize(message, RED, true), true);
    }

    /** An untargeted line, never colored nor timestamped (the run's summary). */
    public void say(String message) {
        if (machineReadable()) {
            machine("", "ui", "say", message);
            return;
        }
        emit(message, false);
    }

    /** An untargeted error line. */
    public void error(String message) {
        if (machineReadable()) {
            machine("", "ui", "error", message);
            return;
        }
        emit(colorize(message, RED, true), false);
    }

    /** A machine-readable line; nothing in human mode. */
    public void machine(String target, String type, String... args) {
        if (!machineReadable()) {
            return;
        }
        String[] masked = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            masked[i] = masker.mask(args[i]);
        }
        synchronized (out) {
            out.write(machineLine(clock.instant().getEpochSecond(), target, type, masked));
        }
    }

    /**
     * One machine-readable line: {@code TIME,TARGET,TYPE,ARGS…}, each argument's commas, carriage returns and line
     * ends escaped as Packer does.
     */
    public static String machineLine(long epochSecond, String target, String type, String... args) {
        StringBuilder sb = new StringBuilder();
        sb.append(epochSecond).append(',').append(target).append(',').append(type);
        for (String a : args) {
            sb.append(',').append(a.replace(",", "%!(PACKER_COMMA)").replace("\r", "\\r").replace("\n", "\\n"));
        }
        return sb.append('\n').toString();
    }

    /** Machine lines for a list argument. */
    void machine(String target, String type, List<String> args) {
        machine(target, type, args.toArray(String[]::new));
    }

    private String colorize(String message, int color, boolean bold) {
        if (!colored()) {
            return message;
        }
        return "\033[" + (bold ? 1 : 0) + ";" + color + "m" + message + "\033[0m";
    }

    /** Writes a line; build lines ({@code timestamped}) get the time with {@code -timestamp-ui}. */
    private void emit(String text, boolean timestamped) {
        String masked = masker.mask(text);
        if (timestamped && options.timestamps()) {
            masked = ZonedDateTime.ofInstant(clock.instant(), zone).format(RFC3339) + ": " + masked;
        }
        synchronized (out) {
            out.write(masked + "\n");
        }
    }

    /** Packer's TargetedUI over a ColoredUi: every line of a message gets the prefix. */
    private final class Targeted implements Ui {
        private final String target;
        private final int color;

        Targeted(String target, int color) {
            this.target = target;
            this.color = color;
        }

        // In machine-readable mode Packer's targeted UI still prefixes the text and sends it untargeted.
        @Override
        public void say(String message) {
            if (machineReadable()) {
                machine("", "ui", "say", prefixLines(true, message));
                return;
            }
            emit(colorize(prefixLines(true, message), color, true), true);
        }

        @Override
        public void message(String message) {
            if (machineReadable()) {
                machine("", "ui", "message", prefixLines(false, message));
                return;
            }
            emit(colorize(prefixLines(false, message), color, false), true);
        }

        @Override
        public void error(String message) {
            if (machineReadable()) {
                machine("", "ui", "error", prefixLines(true, message));
                return;
            }
            emit(colorize(prefixLines(true, message), RED, true), true);
        }

        @Override
        public String ask(String query) throws UiException {
            if (machineReadable()) {
                throw new UiException("machine-readable UI can't ask");
            }
            if (!out.interactive()) {
                throw new UiException("no available tty");
            }
            synchronized (out) {
                String prompt = colorize(prefixLines(true, query), color, true) + " ";
                out.write(options.timestamps() ? ZonedDateTime.ofInstant(clock.instant(), zone).format(RFC3339)
                        + ": " + masker.mask(prompt) : masker.mask(prompt));
                String line = out.readLine();
                return line == null ? "" : line;
            }
        }

        private String prefixLines(boolean arrow, String message) {
            String prefix = (arrow ? "==> " : "    ") + target + ": ";
            StringBuilder sb = new StringBuilder();
            String[] lines = message.split("\n", -1);
            for (String line : lines) {
                sb.append(prefix).append(line).append('\n');
            }
            return stripTrailingSpace(sb.toString());
        }
    }

    static String stripTrailingSpace(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
