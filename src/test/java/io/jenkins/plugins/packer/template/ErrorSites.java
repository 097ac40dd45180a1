package io.jenkins.plugins.packer.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the places in main sources that make a message for the user, so that tests can check each has a case: calls
 * that make a diagnostic ({@code diags.error(SUMMARY, DETAIL, RANGE)}, {@code Diagnostic.error/warning(...)},
 * {@code new Diagnostic(SEVERITY, SUMMARY, ...)}) and, for the JSON template code, calls that record an error text.
 */
public final class ErrorSites {

    /**
     * One call: its file, its text (whitespace collapsed) as the key allow-lists use, and its arguments.
     *
     * @param prefix {@code "Error: "} or {@code "Warning: "}: how the summary is printed
     * @param literalSummary the summary's fixed text (the literal it starts with), or null when it is computed
     * @param literalDetail the detail's fixed text (the literal it starts with), or null
     */
    public record Site(String file, String call, String prefix, String literalSummary, String literalDetail) {

        public String key() {
            return file + ": " + call;
        }
    }

    private static final Pattern DIAGNOSTIC = Pattern.compile(
            "\\b(?:[a-z]\\w*\\.error|Diagnostic\\.error|Diagnostic\\.warning|new Diagnostic)\\(");

    private ErrorSites() {
    }

    /** The diagnostic-making calls of the Java files under {@code roots} (files or directories, not recursive). */
    public static List<Site> find(List<Path> roots) {
        List<Site> out = new ArrayList<>();
        for (Path file : javaFiles(roots)) {
            String src = read(file);
            Matcher m = DIAGNOSTIC.matcher(src);
            while (m.find()) {
                int open = m.end() - 1;
                int close = closingParen(src, open);
                List<String> args = arguments(src.substring(open + 1, close));
                String callee = m.group().substring(0, m.group().length() - 1);
                boolean constructor = callee.equals("new Diagnostic");
                if (args.size() < 3) {
                    continue;
                }
                String severityArg = constructor ? args.get(0) : callee;
                String prefix = severityArg.contains("WARNING") || severityArg.endsWith("warning") ? "Warning: "
                        : "Error: ";
                String summary = constructor ? args.get(1) : args.get(0);
                String detail = constructor ? args.get(2) : args.get(1);
                out.add(new Site(file.getFileName().toString(), collapse(src.substring(m.start(), close + 1)),
                        prefix, leadingLiteral(summary), leadingLiteral(detail)));
            }
        }
        return out;
    }

    /**
     * The first non-empty string literal of each call to one of {@code methods} (e.g. {@code problem},
     * {@code errors.add}): the fixed text of the error message it records.
     */
    public static List<Site> messages(List<Path> roots, List<String> methods) {
        List<Site> out = new ArrayList<>();
        for (Path file : javaFiles(roots)) {
            String src = read(file);
            for (String method : methods) {
                Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(method) + "\\(").matcher(src);
                while (m.find()) {
                    int open = m.end() - 1;
                    int close = closingParen(src, open);
                    for (String arg : arguments(src.substring(open + 1, close))) {
                        String literal = firstLiteral(arg);
                        if (literal != null && !literal.isEmpty()) {
                            out.add(new Site(file.getFileName().toString(),
                                    collapse(src.substring(m.start(), close + 1)), "", literal, null));
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Text with every run of white space made one space, so that wrapped output and literals compare. */
    public static String collapse(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static List<Path> javaFiles(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(root);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping string and char literals. */
    private static int closingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(s, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced call at " + open);
    }

    private static int endOfLiteral(String s, int start) {
        char quote = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == quote) {
                return i;
            }
        }
        throw new IllegalStateException("unterminated literal at " + start);
    }

    /** The top-level arguments of a call's argument text. */
    private static List<String> arguments(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(s, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(from, i).strip());
                from = i + 1;
            }
        }
        if (!s.isBlank()) {
            out.add(s.substring(from).strip());
        }
        return out;
    }

    /** The value of the string literal an expression starts with, or null. */
    private static String leadingLiteral(String expr) {
        return expr.startsWith("\"") ? unescape(expr.substring(1, endOfLiteral(expr, 0))) : null;
    }

    /** The value of the first string literal in an expression, or null. */
    private static String firstLiteral(String expr) {
        int q = expr.indexOf('"');
        return q < 0 ? null : unescape(expr.substring(q + 1, endOfLiteral(expr, q)));
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            sb.append(switch (n) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> n;
            });
        }
        return sb.toString();
    }
}
