package hudson;

import java.util.ArrayList;
import java.util.List;

/** Mirrors jenkins-core {@code hudson.MarkupText}: a console line and the HTML tags notes add around its parts. */
public class MarkupText {

    private final String text;
    /** Each markup: its start and end positions, its start and end tags. */
    private final List<Object[]> tags = new ArrayList<>();

    public MarkupText(String text) {
        this.text = text;
    }

    public String getText() {
        return text;
    }

    public void addMarkup(int startPos, int endPos, String startTag, String endTag) {
        if (startPos < 0 || endPos > text.length() || startPos > endPos) {
            throw new IndexOutOfBoundsException(startPos + ".." + endPos + " of " + text.length());
        }
        tags.add(new Object[] {startPos, endPos, startTag, endTag});
    }

    /** The line with its tags, the text HTML-escaped when {@code preEscape}. */
    public String toString(boolean preEscape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            for (int t = tags.size() - 1; t >= 0; t--) {
                Object[] m = tags.get(t);
                if ((int) m[1] == i && (int) m[0] != i) {
                    sb.append(m[3]);
                }
            }
            for (Object[] m : tags) {
                if ((int) m[0] == i) {
                    sb.append(m[2]);
                    if ((int) m[1] == i) {
                        sb.append(m[3]);
                    }
                }
            }
            if (i < text.length()) {
                char c = text.charAt(i);
                sb.append(!preEscape ? String.valueOf(c) : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;"
                        : String.valueOf(c));
            }
        }
        return sb.toString();
    }
}
