package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.jexl.ExpressionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ${…}} of the plugin's jelly views, parsed as Jenkins parses it when it loads the view: Stapler's
 * localized text {@code ${%key(arg, …)}} takes what follows the first parenthesis as comma-separated JEXL
 * arguments, and everything else is a JEXL expression. A view that fails here fails to render in Jenkins (the
 * configure page stops at it).
 */
class JellyExpressionsTest {

    private static final Path VIEWS = Path.of("src/main/resources");

    static Stream<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(VIEWS)) {
            List<Path> jelly = files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
            assertThat(jelly).isNotEmpty();
            return jelly.stream();
        }
    }

    /** The {@code ${…}} expressions of a text, without the braces; a brace in a quoted string does not close one. */
    static List<String> expressions(String text) {
        List<String> found = new ArrayList<>();
        for (int start = text.indexOf("${"); start >= 0; start = text.indexOf("${", start + 2)) {
            int depth = 0;
            char quote = 0;
            int end = -1;
            for (int i = start + 2; i < text.length() && end < 0; i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        end = i;
                    }
                    depth--;
                }
            }
            if (end < 0) {
                throw new AssertionError("an expression without its closing brace at " + start);
            }
            found.add(text.substring(start + 2, end));
        }
        return found;
    }

    /** Parses one expression as Jenkins does; throws when Jenkins could not. */
    static void parse(String expression) throws Exception {
        if (!expression.startsWith("%")) {
            ExpressionFactory.createExpression(expression);
            return;
        }
        int open = expression.indexOf('(');
        if (open < 0) {
            return;
        }
        String rest = expression.substring(open + 1);
        while (!rest.isEmpty()) {
            int end = argumentEnd(rest, expression);
            ExpressionFactory.createExpression(rest.substring(0, end));
            rest = rest.substring(end + 1);
        }
    }

    /** Where the first argument of {@code args} ends: a comma or the closing parenthesis outside any nesting. */
    private static int argumentEnd(String args, String expression) {
        int depth = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '"' || c == '\'') {
                i = args.indexOf(c, i + 1);
                if (i < 0) {
                    break;
                }
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ',' || c == ')') && depth == 0) {
                return i;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            }
        }
        throw new IllegalArgumentException(expression + " is missing ')' at the end");
    }

    @ParameterizedTest
    @MethodSource("views")
    void everyExpressionOfTheViewParsesAsJenkinsParsesIt(Path view) throws Exception {
        String text = Files.readString(view);
        for (String e : expressions(text)) {
            try {
                parse(e);
            } catch (Exception ex) {
                throw new AssertionError(view + ": ${" + e + "} does not parse: " + ex.getMessage(), ex);
            }
            assertThat(takesNoArguments(e)).as("%s: ${%s} reads as a message with arguments", view, e).isTrue();
        }
    }

    /**
     * These views pass no arguments to their messages, so a parenthesis in a localized text is prose that Jenkins
     * would read as arguments: even where they parse ({@code (0: no limit)}), they are evaluated, not shown.
     */
    static boolean takesNoArguments(String expression) {
        return !expression.startsWith("%") || expression.indexOf('(') < 0;
    }

    @Test
    void theCheckFailsOnWhatBrokeTheConfigurePages() throws Exception {
        assertThat(expressions("<f:entry title=\"${%Variables (name=value, one per line)}\" x='${a.b}'/>"))
                .containsExactly("%Variables (name=value, one per line)", "a.b");
        assertThatThrownBy(() -> parse("%Variables (name=value, one per line)")).isInstanceOf(Exception.class);
        assertThat(takesNoArguments("%Builds in parallel (0: no limit)")).isFalse();
        assertThatThrownBy(() -> parse("%Open (a")).hasMessageContaining("missing ')'");
        parse("%Removed {0} of {1}(removed, total)");
        parse("%Template");
        parse("instance.template != null && h.isEmpty(instance.template)");
    }
}
