package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.GoStrings;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string functions of go-cty's stdlib ({@code chomp format formatlist indent join lower upper replace
 * regex_replace regex regexall split strrev substr title trim trimprefix trimsuffix trimspace}) and Packer's
 * ({@code startswith endswith strcontains}). Strings are handled as Go does: by Unicode code point where Go works on
 * runes, by grapheme cluster where cty does. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/string/format">Packer's
 * string functions</a>.
 */
public final class StringFunctions {

    /** One extended grapheme cluster, cty's unit for strrev, substr, length and format widths. */
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final Pattern TRAILING_NEWLINES = Pattern.compile("(?:\\r\\n?|\\n)*\\z");

    private StringFunctions() {
    }

    public static void register(Map<String, Function> all) {
        Parameter dynamicString = Parameter.of("str", Type.STRING).allowingDynamicType();
        CoreFunction.named("upper").param(dynamicString).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(mapCodePoints(str(args, 0), true)));
        CoreFunction.named("lower").param(dynamicString).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(mapCodePoints(str(args, 0), false)));
        CoreFunction.named("strrev").param(dynamicString).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(reverseGraphemes(str(args, 0))));
        CoreFunction.named("substr")
                .param(dynamicString)
                .param(Parameter.of("offset", Type.NUMBER).allowingDynamicType())
                .param(Parameter.of("length", Type.NUMBER).allowingDynamicType())
                .returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(substr(str(args, 0),
                        CoreArgs.goIntOrFail(args.get(1), ""), CoreArgs.goIntOrFail(args.get(2), ""))));
        CoreFunction.named("join")
                .param("separator", Type.STRING)
                .varParam(Parameter.of("lists", Type.list(Type.STRING)))
                .returns(Type.STRING)
                .impl(all, (args, ret) -> join(args));
        CoreFunction.named("split")
                .param("separator", Type.STRING)
                .param("str", Type.STRING)
                .returns(Type.list(Type.STRING))
                .impl(all, (args, ret) -> split(str(args, 0), str(args, 1)));
        CoreFunction.named("chomp").param("str", Type.STRING).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(TRAILING_NEWLINES.matcher(str(args, 0)).replaceFirst("")));
        CoreFunction.named("indent")
                .param("spaces", Type.NUMBER)
                .param("str", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> indent(CoreArgs.goIntOrFail(args.get(0), ""), str(args, 1)));
        CoreFunction.named("title").param("str", Type.STRING).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(title(str(args, 0))));
        CoreFunction.named("trimspace").param("str", Type.STRING).returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(trim(str(args, 0), StringFunctions::isGoSpace)));
        CoreFunction.named("trim")
                .param("str", Type.STRING)
                .param("cutset", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> {
                    String cutset = str(args, 1);
                    return Value.string(trim(str(args, 0), cp -> cutset.indexOf(Character.toString(cp)) >= 0));
                });
        CoreFunction.named("trimprefix")
                .param("str", Type.STRING)
                .param("prefix", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> {
                    String s = str(args, 0);
                    String prefix = str(args, 1);
                    return Value.string(s.startsWith(prefix) ? s.substring(prefix.length()) : s);
                });
        CoreFunction.named("trimsuffix")
                .param("str", Type.STRING)
                .param("suffix", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> {
                    String s = str(args, 0);
                    String suffix = str(args, 1);
                    return Value.string(s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s);
                });
        // Packer's replace is cty's: always literal. Terraform's "/regex/" form never reached Packer (1.6.6 to 1.16).
        CoreFunction.named("replace")
                .param("str", Type.STRING)
                .param("substr", Type.STRING)
                .param("replace", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> Value.string(replaceLiteral(str(args, 0), str(args, 1), str(args, 2))));
        CoreFunction.named("regex_replace")
                .param("str", Type.STRING)
                .param("substr", Type.STRING)
                .param("replace", Type.STRING)
                .returns(Type.STRING)
                .impl(all, (args, ret) -> {
                    StringRegex re = StringRegex.compileOrFail(str(args, 1), -1, "");
                    try {
                        return Value.string(re.replaceAll(str(args, 0), str(args, 2)));
                    } catch (StringRegex.TooMuchWork e) {
                        throw new FunctionException(e.getMessage());
                    }
                });
        CoreFunction.named("regex")
                .param("pattern", Type.STRING)
                .param("string", Type.STRING)
                .returnType(args -> StringRegex.resultType(args.get(0)))
                .impl(all, (args, ret) -> {
                    StringRegex re = StringRegex.compileOrFail(str(args, 0), 0, "error parsing pattern: ");
                    Value match;
                    try {
                        match = re.firstMatch(str(args, 1), ret);
                    } catch (StringRegex.TooMuchWork e) {
                        throw new FunctionException(e.getMessage());
                    }
                    if (match == null) {
                        throw new FunctionException("pattern did not match any part of the given string");
                    }
                    return match;
                });
        CoreFunction.named("regexall")
                .param("pattern", Type.STRING)
                .param("string", Type.STRING)
                .returnType(args -> Type.list(StringRegex.resultType(args.get(0))))
                .impl(all, (args, ret) -> {
                    StringRegex re = StringRegex.compileOrFail(str(args, 0), 0, "error parsing pattern: ");
                    List<Value> matches;
                    try {
                        matches = re.allMatches(str(args, 1), ret.elementType());
                    } catch (StringRegex.TooMuchWork e) {
                        throw new FunctionException(e.getMessage());
                    }
                    return matches.isEmpty() ? Value.emptyList(ret.elementType()) : Value.list(matches);
                });
        CoreFunction.named("startswith")
                .param("str", Type.STRING)
                .param("prefix", Type.STRING)
                .returns(Type.BOOL)
                .impl(all, (args, ret) -> Value.bool(str(args, 0).startsWith(str(args, 1))));
        CoreFunction.named("endswith")
                .param("str", Type.STRING)
                .param("suffix", Type.STRING)
                .returns(Type.BOOL)
                .impl(all, (args, ret) -> Value.bool(str(args, 0).endsWith(str(args, 1))));
        CoreFunction.named("strcontains")
                .param("str", Type.STRING)
                .param("substr", Type.STRING)
                .returns(Type.BOOL)
                .impl(all, (args, ret) -> Value.bool(str(args, 0).contains(str(args, 1))));
        StringFormat.register(all);
    }

    private static String str(List<Value> args, int i) {
        return args.get(i).asString();
    }

    /** Go's strings.ToUpper/ToLower: the simple one-to-one case mapping of each code point, so "ß" stays "ß". */
    private static String mapCodePoints(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
        return sb.toString();
    }

    static List<String> graphemes(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = GRAPHEME.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String reverseGraphemes(String s) {
        List<String> clusters = graphemes(s);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = clusters.size() - 1; i >= 0; i--) {
            sb.append(clusters.get(i));
        }
        return sb.toString();
    }

    /**
     * cty's substr over grapheme clusters: a negative offset counts from the end, a negative length means "to the
     * end", and an offset past the end gives "".
     */
    private static String substr(String s, long offset, long length) {
        List<String> clusters = graphemes(s);
        long start = offset;
        if (offset < 0) {
            start = offset + clusters.size();
        } else if (length == 0) {
            return "";
        }
        // An offset still negative after adding the length starts at 0 ("abc", -5 gives from 0).
        if (start > 0 && start >= clusters.size()) {
            return "";
        }
        int from = (int) Math.max(0, start);
        // cty counts a zero length (reachable only with a negative offset) as "to the end", like a negative one.
        int to = length <= 0 ? clusters.size() : (int) Math.min(clusters.size(), from + length);
        return String.join("", clusters.subList(from, to));
    }

    private static Value join(List<Value> args) throws FunctionException {
        String sep = args.get(0).asString();
        List<Value> lists = args.subList(1, args.size());
        if (lists.isEmpty()) {
            throw new FunctionException("at least one list is required");
        }
        for (Value list : lists) {
            if (!list.isWhollyKnown()) {
                return Value.unknown(Type.STRING);
            }
        }
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int ai = 0; ai < lists.size(); ai++) {
            List<Value> elements = lists.get(ai).elements();
            for (int ei = 0; ei < elements.size(); ei++) {
                EvaluationCancelled.check();
                Value e = elements.get(ei);
                if (e.isNull()) {
                    throw new FunctionException(ai + 1, lists.size() > 1
                            ? "element " + ei + " of list " + (ai + 1) + " is null; cannot concatenate null values"
                            : "element " + ei + " is null; cannot concatenate null values");
                }
                if (!first) {
                    sb.append(sep);
                }
                sb.append(e.asString());
                first = false;
            }
        }
        return Value.string(sb.toString());
    }

    /** Go's string order (by UTF-8 bytes, which is code point order), not Java's UTF-16 order. */
    static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** Go's strings.Split: an empty separator splits after each code point. */
    private static Value split(String sep, String s) {
        List<Value> parts = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(Value.string(Character.toString(cp))));
        } else {
            int from = 0;
            int at;
            while ((at = s.indexOf(sep, from)) >= 0) {
                EvaluationCancelled.check();
                parts.add(Value.string(s.substring(from, at)));
                from = at + sep.length();
            }
            parts.add(Value.string(s.substring(from)));
        }
        return parts.isEmpty() ? Value.emptyList(Type.STRING) : Value.list(parts);
    }

    private static Value indent(long spaces, String s) {
        String pad = " ".repeat(CoreArgs.clamp(Math.max(0, spaces)));
        return Value.string(s.replace("\n", "\n" + pad));
    }

    /** Go's strings.Title: upper-cases (title-cases) each letter that starts a word. */
    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int[] prev = {' '};
        s.codePoints().forEach(cp -> {
            sb.appendCodePoint(isTitleSeparator(prev[0]) ? Character.toTitleCase(cp) : cp);
            prev[0] = cp;
        });
        return sb.toString();
    }

    private static boolean isTitleSeparator(int cp) {
        if (cp <= 0x7F) {
            return !(Character.isLetterOrDigit(cp) || cp == '_');
        }
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return false;
        }
        return isGoSpace(cp);
    }

    /** Go's unicode.IsSpace. */
    static boolean isGoSpace(int cp) {
        if (cp <= 0xFF) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
        }
        return Character.isSpaceChar(cp);
    }

    private static String trim(String s, java.util.function.IntPredicate cut) {
        int start = 0;
        while (start < s.length() && cut.test(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        int end = s.length();
        while (end > start && cut.test(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Go's strings.Replace with n = -1: an empty old string matches before each code point and at the end. */
    private static String replaceLiteral(String s, String old, String with) {
        if (!old.isEmpty()) {
            return s.replace(old, with);
        }
        StringBuilder sb = new StringBuilder(with);
        s.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(with));
        return sb.toString();
    }

    static String goQuote(String s) {
        return GoStrings.quote(s);
    }

    static String goQuoteRune(int cp) {
        return GoStrings.quoteRune(cp);
    }
}
