package hudson.console;

import hudson.MarkupText;
import java.io.IOException;

/** Mirrors jenkins-core {@code hudson.console.HyperlinkNote}: a link over the text that follows the note. */
public class HyperlinkNote extends ConsoleNote {

    private static final long serialVersionUID = 3908468829358026949L;
    private final String url;
    private final int length;

    public HyperlinkNote(String url, int length) {
        this.url = url;
        this.length = length;
    }

    @Override
    public ConsoleAnnotator annotate(Object context, MarkupText text, int charPos) {
        text.addMarkup(charPos, charPos + length, "<a href='" + url.replace("&", "&amp;").replace("'", "&#39;")
                + "'" + extraAttributes() + ">", "</a>");
        return null;
    }

    protected String extraAttributes() {
        return "";
    }

    public static String encodeTo(String url, String text) {
        text = text.replace('\n', ' ').replace('\r', ' ');
        try {
            return new HyperlinkNote(url, text.length()).encode() + text;
        } catch (IOException e) {
            return text;
        }
    }
}
