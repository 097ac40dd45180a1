package io.jenkins.plugins.packer.jenkins;

import hudson.Extension;
import hudson.MarkupText;
import hudson.console.ConsoleAnnotationDescriptor;
import hudson.console.ConsoleAnnotator;
import hudson.console.ConsoleNote;
import hudson.console.HyperlinkNote;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks up a build's log as the controller copies it into Jenkins' (notes are made there: Jenkins ignores notes an
 * agent writes): each {@code REGION: ami-…} line of the artifacts links the AMI to its page in the EC2 console, and
 * the lines that say a build errored are marked as errors. Lines are marked whole, so a line cut between two copies
 * waits for its end; the text itself is never changed.
 */
final class ConsoleMarks implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code us-east-1: ami-0123…}: the artifact lines of an amazon build, as Packer prints them. */
    private static final Pattern AMI = Pattern.compile("\\b((?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d+)): "
            + "(ami-[0-9a-f]{8,17})\\b");
    /** Packer's lines for a failed build: {@code Build 'x' errored after …} and the summary's heading. */
    private static final Pattern ERROR = Pattern.compile("Build '[^']*' errored after |==> Some builds didn't"
            + " complete successfully and had errors:|==> Wait completed after .* errored");

    private byte[] pending = new byte[0];

    /** Writes the complete lines of what came so far to {@code log}, marked; keeps a last line without its end. */
    void write(PrintStream log, byte[] chunk) {
        byte[] all = new byte[pending.length + chunk.length];
        System.arraycopy(pending, 0, all, 0, pending.length);
        System.arraycopy(chunk, 0, all, pending.length, chunk.length);
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                writeLine(log, all, start, i + 1);
                start = i + 1;
            }
        }
        pending = java.util.Arrays.copyOfRange(all, start, all.length);
        log.flush();
    }

    /** Writes what is left (a last line without its end), at the end of the build. */
    void flush(PrintStream log) {
        if (pending.length > 0) {
            writeLine(log, pending, 0, pending.length);
            pending = new byte[0];
        }
        log.flush();
    }

    private static void writeLine(PrintStream log, byte[] b, int from, int to) {
        // ISO-8859-1 keeps every byte where it was: the notes are ASCII, the rest is written back as it came.
        String line = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        String marked = mark(line);
        if (marked == line) {
            log.write(b, from, to - from);
        } else {
            byte[] out = marked.getBytes(StandardCharsets.ISO_8859_1);
            log.write(out, 0, out.length);
        }
    }

    /** The line with its notes, or the same line when nothing in it is marked. */
    static String mark(String line) {
        String text = line;
        Matcher ami = AMI.matcher(text);
        if (ami.find()) {
            StringBuilder sb = new StringBuilder();
            int last = 0;
            do {
                sb.append(text, last, ami.start(2)).append(HyperlinkNote.encodeTo(
                        PackerImagesAction.consoleUrl(ami.group(1), ami.group(2)), ami.group(2)));
                last = ami.end(2);
            } while (ami.find());
            text = sb.append(text.substring(last)).toString();
        }
        if (ERROR.matcher(line).find()) {
            int end = line.endsWith("\n") ? line.length() - 1 : line.length();
            try {
                text = new ErrorNote(ConsoleNote.removeNotes(line.substring(0, end)).length()).encode() + text;
            } catch (IOException e) {
                return text;
            }
        }
        return text;
    }

    /** Marks a line that says a build failed, as an error. */
    public static final class ErrorNote extends ConsoleNote<Object> {
        private static final long serialVersionUID = 1L;
        private final int length;

        ErrorNote(int length) {
            this.length = length;
        }

        @Override
        public ConsoleAnnotator annotate(Object context, MarkupText text, int charPos) {
            int end = Math.min(text.getText().length(), charPos + length);
            text.addMarkup(charPos, end, "<span class=\"packer-error\" style=\"color: var(--error-color, #d24939);"
                    + " font-weight: bold;\">", "</span>");
            return null;
        }

        @Extension
        public static final class DescriptorImpl extends ConsoleAnnotationDescriptor {
            @Override
            public String getDisplayName() {
                return Texts.get("ConsoleMarks.ErrorNote.DisplayName");
            }
        }
    }
}
