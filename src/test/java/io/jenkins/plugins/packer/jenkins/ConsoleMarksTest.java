package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.MarkupText;
import hudson.console.ConsoleNote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The log as the controller copies it: AMI ids link to the EC2 console, failed builds' lines are marked, and the text
 * is the engine's, byte for byte, once the notes are taken out (as Jenkins shows a plain-text log).
 */
class ConsoleMarksTest {

    private static final String LOG = """
            ==> amazon-ebs.base: Créating the AMI: app-1.2
            Build 'amazon-ebs.base' finished after 1 minute 2 seconds.

            ==> Wait completed after 1 minute 2 seconds

            ==> Builds finished. The artifacts of successful builds are:
            --> amazon-ebs.base: AMIs were created:
            eu-west-1: ami-0123456789abcdef0
            us-east-1: ami-00000000000000042

            Build 'amazon-ebs.db' errored after 3 seconds 12 milliseconds: Error launching source instance
            ==> Some builds didn't complete successfully and had errors:
            --> amazon-ebs.db: Error launching source instance""";

    /** What Jenkins' console shows of {@code line}: its text with the notes' markup, HTML-escaped. */
    static String rendered(String line) throws Exception {
        String text = ConsoleNote.removeNotes(line);
        MarkupText markup = new MarkupText(text);
        int at = 0;
        int charPos = 0;
        while (true) {
            int note = line.indexOf(ConsoleNote.PREAMBLE_STR, at);
            if (note < 0) {
                break;
            }
            charPos += note - at;
            ByteArrayInputStream in = new ByteArrayInputStream(line.substring(note)
                    .getBytes(StandardCharsets.ISO_8859_1));
            ConsoleNote<Object> n = ConsoleNote.readFrom(new DataInputStream(in));
            assertThat(n).isNotNull();
            n.annotate(null, markup, charPos);
            at = line.length() - in.available();
        }
        return markup.toString(true);
    }

    @Test
    void amisLinkToTheirConsoleAndErrorsAreMarkedWithTheTextUnchanged() throws Exception {
        byte[] engine = LOG.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(copied, true, StandardCharsets.UTF_8);
        ConsoleMarks marks = new ConsoleMarks();
        // Copied in pieces cut anywhere, in the middle of lines and of a UTF-8 character.
        for (int at = 0; at < engine.length; at += 7) {
            marks.write(log, java.util.Arrays.copyOfRange(engine, at, Math.min(engine.length, at + 7)));
        }
        marks.flush(log);
        String out = copied.toString(StandardCharsets.ISO_8859_1);

        assertThat(ConsoleNote.removeNotes(out).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(engine);
        String[] lines = out.split("\n", -1);
        assertThat(lines[0]).isEqualTo(new String("==> amazon-ebs.base: Créating the AMI: app-1.2"
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).as("unmarked lines are as they came");
        assertThat(rendered(lines[7])).isEqualTo("eu-west-1: <a href='https://console.aws.amazon.com/ec2/home?"
                + "region=eu-west-1#ImageDetails:imageId=ami-0123456789abcdef0'>ami-0123456789abcdef0</a>");
        assertThat(rendered(lines[8])).isEqualTo("us-east-1: <a href='https://console.aws.amazon.com/ec2/home?"
                + "region=us-east-1#ImageDetails:imageId=ami-00000000000000042'>ami-00000000000000042</a>");
        assertThat(rendered(lines[10])).startsWith("<span class=\"packer-error\"")
                .endsWith(">Build 'amazon-ebs.db' errored after 3 seconds 12 milliseconds: Error launching source"
                        + " instance</span>");
        assertThat(rendered(lines[11])).startsWith("<span class=\"packer-error\"")
                .endsWith(">==&gt; Some builds didn't complete successfully and had errors:</span>");
        assertThat(lines[1]).doesNotContain(ConsoleNote.PREAMBLE_STR);
        assertThat(lines[12]).as("the last line, without its end, is written at the end")
                .isEqualTo("--> amazon-ebs.db: Error launching source instance");
    }

    @Test
    void aLineIsMarkedOnlyOnceItIsWhole() {
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(copied, true, StandardCharsets.UTF_8);
        ConsoleMarks marks = new ConsoleMarks();
        marks.write(log, "eu-west-1: ami-0123".getBytes(StandardCharsets.UTF_8));
        assertThat(copied.size()).isZero();
        marks.write(log, "456789abcdef0\n".getBytes(StandardCharsets.UTF_8));
        assertThat(copied.toString(StandardCharsets.UTF_8)).contains("ha:")
                .endsWith("ami-0123456789abcdef0\n");
    }
}
