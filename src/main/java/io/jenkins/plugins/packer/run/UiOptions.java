package io.jenkins.plugins.packer.run;

/**
 * How a run prints: ANSI colors ({@code -color}), an RFC 3339 time before each line ({@code -timestamp-ui}), or
 * Packer's machine-readable lines ({@code -machine-readable}, which turns colors off).
 */
public record UiOptions(boolean color, boolean timestamps, boolean machineReadable) {

    public static final UiOptions PLAIN = new UiOptions(false, false, false);
}
