package io.jenkins.plugins.packer.gotemplate;

import io.jenkins.plugins.packer.value.GoStrings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Go {@code text/template} text (the {@code {{ }}} syntax of legacy JSON templates) with the lexer states,
 * look-ahead and error texts of Go's {@code text/template/parse}, so that interpolation and {@code hcl2_upgrade} accept
 * and refuse exactly what packer does and print the same reasons. Comments are dropped, as Go does without
 * {@code ParseComments}; {@code define} and {@code block} bodies become templates of their own, as in Go's tree set.
 */
public final class GoTemplateParser {

    /** Go's builtin functions: always defined, whatever the function map. */
    public static final Set<String> BUILTINS = Set.of("and", "call", "html", "index", "slice", "js", "len", "not", "or",
            "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne");

    private enum T {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM, LEFT_PAREN, NUMBER,
        PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // keywords
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, RANGE, NIL, TEMPLATE, WITH;

        boolean keyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    private record Item(T type, int pos, String val, int line) {
        /** How Go prints an item in "unexpected ..." messages. */
        @Override
        public String toString() {
            if (type == T.EOF) {
                return "EOF";
            } else if (type == T.ERROR) {
                return val;
            } else if (type.keyword()) {
                return "<" + val + ">";
            } else if (val.codePointCount(0, val.length()) > 10) {
                return GoStrings.quote(val.substring(0, val.offsetByCodePoints(0, 10))).replaceFirst("\"$", "")
                        + "\"...";
            }
            return GoStrings.quote(val);
        }
    }

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String name;
    private final Set<String> functions;
    private final List<Item> items;
    private int next;
    private final Item[] token = new Item[3];
    private int peekCount;
    private final List<String> vars = new ArrayList<>(List.of("$"));
    private int rangeDepth;
    private int actionLine;
    /** Go's tree set: every template the text defines, the main one under the text's name. */
    private final Map<String, List<GoTemplateNode>> trees = new LinkedHashMap<>();

    private GoTemplateParser(String name, String text, Set<String> functions) {
        this.name = name;
        this.functions = functions;
        this.items = new Lexer(text).run();
    }

    /**
     * Parses {@code text} as the template {@code name} with the given function names defined (builtins are always
     * defined) and returns the nodes of its root list.
     */
    public static List<GoTemplateNode> parse(String name, String text, Set<String> functions) throws GoTemplateException {
        GoTemplateParser p = new GoTemplateParser(name, text, functions);
        try {
            return p.root();
        } catch (Failure f) {
            throw new GoTemplateException(f.getMessage(), true);
        }
    }

    /**
     * Parses {@code text} as {@link #parse} does and returns it with every template it defines ({@code define},
     * {@code block}), so that {@code {{template}}} can run them.
     */
    public static GoTemplate parseTemplate(String name, String text, Set<String> functions)
            throws GoTemplateException {
        GoTemplateParser p = new GoTemplateParser(name, text, functions);
        try {
            p.add(name, p.root());
        } catch (Failure f) {
            throw new GoTemplateException(f.getMessage(), true);
        }
        return new GoTemplate(name, text, Map.copyOf(p.trees));
    }

    /**
     * Adds a template to the tree set as Go's {@code (*Tree).add} does: an empty template (only spaces) never replaces
     * another, and two that are not empty are an error.
     */
    private void add(String template, List<GoTemplateNode> list) {
        List<GoTemplateNode> existing = trees.get(template);
        if (existing == null || isEmptyTree(existing)) {
            trees.put(template, List.copyOf(list));
        } else if (!isEmptyTree(list)) {
            throw error("template: multiple definition of template " + GoStrings.quote(template));
        }
    }

    private static boolean isEmptyTree(List<GoTemplateNode> list) {
        return list.stream().allMatch(n -> n instanceof GoTemplateNode.Text t && t.text().strip().isEmpty());
    }

    /** Unwinds the parse at the first error, as Go's parser panics and recovers. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    // ---- token stream, with Go's three-token look-ahead ----

    private Item lexNext() {
        return next < items.size() ? items.get(next++) : items.get(items.size() - 1);
    }

    private Item next() {
        if (peekCount > 0) {
            peekCount--;
        } else {
            token[0] = lexNext();
        }
        return token[peekCount];
    }

    private void backup() {
        peekCount++;
    }

    private void backup2(Item t1) {
        token[1] = t1;
        peekCount = 2;
    }

    private void backup3(Item t2, Item t1) {
        token[1] = t1;
        token[2] = t2;
        peekCount = 3;
    }

    private Item peek() {
        if (peekCount > 0) {
            return token[peekCount - 1];
        }
        peekCount = 1;
        token[0] = lexNext();
        return token[0];
    }

    private Item nextNonSpace() {
        Item t;
        do {
            t = next();
        } while (t.type == T.SPACE);
        return t;
    }

    private Item peekNonSpace() {
        Item t = nextNonSpace();
        backup();
        return t;
    }

    private Failure error(String message) {
        return new Failure("template: " + name + ":" + token[0].line + ": " + message);
    }

    private Failure unexpected(Item item, String context) {
        if (item.type == T.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != item.line) {
                extra = " in action started at " + name + ":" + actionLine;
                if (item.val.endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            return error(item + extra);
        }
        return error("unexpected " + item + " in " + context);
    }

    private Item expect(T type, String context) {
        Item t = nextNonSpace();
        if (t.type != type) {
            throw unexpected(t, context);
        }
        return t;
    }

    // ---- grammar ----

    private List<GoTemplateNode> root() {
        List<GoTemplateNode> root = new ArrayList<>();
        while (peek().type != T.EOF) {
            if (peek().type == T.LEFT_DELIM) {
                Item delim = next();
                if (nextNonSpace().type == T.DEFINE) {
                    definition();
                    continue;
                }
                backup2(delim);
            }
            GoTemplateNode n = textOrAction();
            if (n instanceof GoTemplateNode.Delimiter) {
                throw error("unexpected " + n);
            }
            root.add(n);
        }
        return root;
    }

    /** {@code {{define "name"}} ... {{end}}}: a separate tree, so nothing of it stays in this one. */
    private void definition() {
        String template = templateName(nextNonSpace(), "define clause");
        expect(T.RIGHT_DELIM, "define clause");
        subTree(template, "define clause");
    }

    /** The body of a {@code define} or {@code block}: a tree of its own, which sees no variable but {@code $}. */
    private void subTree(String template, String context) {
        List<String> outerVars = new ArrayList<>(vars);
        int outerRangeDepth = rangeDepth;
        vars.subList(1, vars.size()).clear();
        rangeDepth = 0;
        List<GoTemplateNode> list = new ArrayList<>();
        GoTemplateNode end = itemList(list);
        if (!(end instanceof GoTemplateNode.Delimiter d && d.keyword().equals("end"))) {
            throw error("unexpected " + end + " in " + context);
        }
        add(template, list);
        vars.clear();
        vars.addAll(outerVars);
        rangeDepth = outerRangeDepth;
    }

    private String templateName(Item t, String context) {
        if (t.type == T.STRING || t.type == T.RAW_STRING) {
            String s = unquote(t.val);
            if (s == null) {
                throw error("invalid syntax");
            }
            return s;
        }
        throw unexpected(t, context);
    }

    /** Nodes up to {@code {{end}}} or {@code {{else}}}, which is returned. */
    private GoTemplateNode itemList(List<GoTemplateNode> list) {
        while (peekNonSpace().type != T.EOF) {
            GoTemplateNode n = textOrAction();
            if (n instanceof GoTemplateNode.Delimiter) {
                return n;
            }
            list.add(n);
        }
        throw error("unexpected EOF");
    }

    private GoTemplateNode textOrAction() {
        Item t = nextNonSpace();
        switch (t.type) {
            case TEXT:
                return new GoTemplateNode.Text(t.pos, t.val);
            case LEFT_DELIM:
                actionLine = t.line;
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            default:
                throw unexpected(t, "input");
        }
    }

    private GoTemplateNode action() {
        Item t = nextNonSpace();
        switch (t.type) {
            case BLOCK:
                return block();
            case BREAK:
            case CONTINUE:
                return loopControl(t);
            case ELSE:
                return elseControl();
            case END:
                return new GoTemplateNode.Delimiter(expect(T.RIGHT_DELIM, "end").pos, "end");
            case IF:
                return control("if");
            case RANGE:
                return control("range");
            case TEMPLATE:
                return templateControl();
            case WITH:
                return control("with");
            default:
                break;
        }
        backup();
        Item at = peek();
        return new GoTemplateNode.Action(at.pos, pipeline("command", T.RIGHT_DELIM));
    }

    private GoTemplateNode loopControl(Item t) {
        Item after = nextNonSpace();
        if (after.type != T.RIGHT_DELIM) {
            throw unexpected(after, "{{" + t.val + "}}");
        }
        if (rangeDepth == 0) {
            throw error("{{" + t.val + "}} outside {{range}}");
        }
        return new GoTemplateNode.LoopControl(t.pos, t.val);
    }

    private GoTemplateNode elseControl() {
        Item p = peekNonSpace();
        if (p.type == T.IF) {
            // "{{else if ...": the if stays to be parsed as the else branch.
            return new GoTemplateNode.Delimiter(p.pos, "else");
        }
        return new GoTemplateNode.Delimiter(expect(T.RIGHT_DELIM, "else").pos, "else");
    }

    /** {@code if}, {@code with}, {@code range}: Go's {@code parseControl}, whose node sits at its pipeline. */
    private GoTemplateNode control(String context) {
        int varCount = vars.size();
        try {
            GoTemplateNode.Pipe pipe = pipeline(context, T.RIGHT_DELIM);
            if (context.equals("range")) {
                rangeDepth++;
            }
            List<GoTemplateNode> list = new ArrayList<>();
            GoTemplateNode next = itemList(list);
            if (context.equals("range")) {
                rangeDepth--;
            }
            List<GoTemplateNode> elseList = null;
            if (next instanceof GoTemplateNode.Delimiter d && d.keyword().equals("else")) {
                elseList = new ArrayList<>();
                if (context.equals("if") && peek().type == T.IF) {
                    next();
                    // The nested if consumes the one {{end}} both share.
                    elseList.add(control("if"));
                } else {
                    GoTemplateNode end = itemList(elseList);
                    if (!(end instanceof GoTemplateNode.Delimiter e && e.keyword().equals("end"))) {
                        throw error("expected end; found " + end);
                    }
                }
            }
            return new GoTemplateNode.Branch(pipe.pos(), context, pipe, List.copyOf(list),
                    elseList == null ? null : List.copyOf(elseList));
        } finally {
            vars.subList(varCount, vars.size()).clear();
        }
    }

    private GoTemplateNode templateControl() {
        Item nameToken = nextNonSpace();
        String template = templateName(nameToken, "template clause");
        GoTemplateNode.Pipe pipe = null;
        if (nextNonSpace().type != T.RIGHT_DELIM) {
            backup();
            // The pipeline's variables stay declared, as in Go.
            pipe = pipeline("template clause", T.RIGHT_DELIM);
        }
        return new GoTemplateNode.Template(nameToken.pos, template, pipe);
    }

    /** {@code {{block "name" pipeline}} ... {{end}}}: defines the template and runs it there. */
    private GoTemplateNode block() {
        Item nameToken = nextNonSpace();
        String template = templateName(nameToken, "block clause");
        GoTemplateNode.Pipe pipe = pipeline("block clause", T.RIGHT_DELIM);
        subTree(template, "block clause");
        return new GoTemplateNode.Template(nameToken.pos, template, pipe);
    }

    private GoTemplateNode.Pipe pipeline(String context, T end) {
        Item start = peekNonSpace();
        List<GoTemplateNode.Variable> decls = new ArrayList<>();
        List<GoTemplateNode.Command> cmds = new ArrayList<>();
        boolean assign = false;
        boolean more = true;
        while (more) {
            more = false;
            Item v = peekNonSpace();
            if (v.type != T.VARIABLE) {
                break;
            }
            next();
            Item afterVariable = peek();
            Item n = peekNonSpace();
            if (n.type == T.ASSIGN || n.type == T.DECLARE) {
                assign = n.type == T.ASSIGN;
                nextNonSpace();
                decls.add(new GoTemplateNode.Variable(v.pos, List.of(v.val.split("\\.", -1))));
                vars.add(v.val);
            } else if (n.type == T.CHAR && n.val.equals(",")) {
                nextNonSpace();
                decls.add(new GoTemplateNode.Variable(v.pos, List.of(v.val.split("\\.", -1))));
                vars.add(v.val);
                if (context.equals("range") && decls.size() < 2) {
                    T p = peekNonSpace().type;
                    if (p == T.VARIABLE || p == T.RIGHT_DELIM || p == T.RIGHT_PAREN) {
                        more = true;
                        continue;
                    }
                    throw error("range can only initialize variables");
                }
                throw error("too many declarations in " + context);
            } else if (afterVariable.type == T.SPACE) {
                backup3(v, afterVariable);
            } else {
                backup2(v);
            }
        }
        while (true) {
            Item t = nextNonSpace();
            if (t.type == end) {
                if (cmds.isEmpty()) {
                    throw error("missing value for " + context);
                }
                for (int i = 1; i < cmds.size(); i++) {
                    GoTemplateNode first = cmds.get(i).args().get(0);
                    if (first instanceof GoTemplateNode.Bool || first instanceof GoTemplateNode.Dot
                            || first instanceof GoTemplateNode.Nil || first instanceof GoTemplateNode.Number
                            || first instanceof GoTemplateNode.Str) {
                        throw error("non executable command in pipeline stage " + (i + 1));
                    }
                }
                return new GoTemplateNode.Pipe(start.pos, assign, List.copyOf(decls), List.copyOf(cmds));
            }
            switch (t.type) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                        LEFT_PAREN -> {
                    backup();
                    cmds.add(command());
                }
                default -> throw unexpected(t, context);
            }
        }
    }

    private GoTemplateNode.Command command() {
        int pos = peekNonSpace().pos;
        List<GoTemplateNode> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            GoTemplateNode operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Item t = next();
            if (t.type == T.SPACE) {
                continue;
            }
            if (t.type == T.RIGHT_DELIM || t.type == T.RIGHT_PAREN) {
                backup();
            } else if (t.type != T.PIPE) {
                throw unexpected(t, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return new GoTemplateNode.Command(pos, List.copyOf(args));
    }

    private GoTemplateNode operand() {
        GoTemplateNode node = term();
        if (node == null) {
            return null;
        }
        if (peek().type == T.FIELD) {
            int pos = peek().pos;
            List<String> fields = new ArrayList<>();
            while (peek().type == T.FIELD) {
                fields.add(next().val.substring(1));
            }
            if (node instanceof GoTemplateNode.Field f) {
                List<String> all = new ArrayList<>(f.idents());
                all.addAll(fields);
                return new GoTemplateNode.Field(pos, List.copyOf(all));
            } else if (node instanceof GoTemplateNode.Variable v) {
                List<String> all = new ArrayList<>(v.idents());
                all.addAll(fields);
                return new GoTemplateNode.Variable(pos, List.copyOf(all));
            } else if (node instanceof GoTemplateNode.Bool || node instanceof GoTemplateNode.Str
                    || node instanceof GoTemplateNode.Number || node instanceof GoTemplateNode.Nil
                    || node instanceof GoTemplateNode.Dot) {
                throw error("unexpected . after term " + GoStrings.quote(node.toString()));
            }
            return new GoTemplateNode.Chain(pos, node, List.copyOf(fields));
        }
        return node;
    }

    private GoTemplateNode term() {
        Item t = nextNonSpace();
        switch (t.type) {
            case IDENTIFIER:
                if (!functions.contains(t.val) && !BUILTINS.contains(t.val)) {
                    throw error("function " + GoStrings.quote(t.val) + " not defined");
                }
                return new GoTemplateNode.Identifier(t.pos, t.val);
            case DOT:
                return new GoTemplateNode.Dot(t.pos);
            case NIL:
                return new GoTemplateNode.Nil(t.pos);
            case VARIABLE:
                String[] parts = t.val.split("\\.", -1);
                if (!vars.contains(parts[0])) {
                    throw error("undefined variable " + GoStrings.quote(parts[0]));
                }
                return new GoTemplateNode.Variable(t.pos, List.of(parts));
            case FIELD:
                return new GoTemplateNode.Field(t.pos, List.of(t.val.substring(1).split("\\.", -1)));
            case BOOL:
                return new GoTemplateNode.Bool(t.pos, t.val.equals("true"));
            case CHAR_CONSTANT:
            case NUMBER:
                return number(t);
            case LEFT_PAREN:
                return pipeline("parenthesized pipeline", T.RIGHT_PAREN);
            case STRING:
            case RAW_STRING:
                String s = unquote(t.val);
                if (s == null) {
                    throw error("invalid syntax");
                }
                return new GoTemplateNode.Str(t.pos, t.val, s);
            default:
                backup();
                return null;
        }
    }

    private GoTemplateNode number(Item t) {
        String text = t.val;
        if (t.type == T.CHAR_CONSTANT) {
            String c = unquote(text);
            if (c == null || c.codePointCount(0, c.length()) != 1) {
                throw error("malformed character constant: " + text);
            }
            long cp = c.codePointAt(0);
            return new GoTemplateNode.Number(t.pos, text, cp, cp);
        }
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
        try {
            String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
            long value;
            if (lower.startsWith("0x") && !lower.contains("p")) {
                value = Long.parseLong(lower.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                value = Long.parseLong(lower.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                value = Long.parseLong(lower.substring(2), 2);
            } else if (lower.matches("0[0-7]+")) {
                value = Long.parseLong(lower, 8);
            } else {
                BigDecimal d = new BigDecimal(lower);
                double f = negative ? -d.doubleValue() : d.doubleValue();
                Long integer = null;
                if (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                    integer = negative ? -d.longValueExact() : d.longValueExact();
                }
                return new GoTemplateNode.Number(t.pos, text, integer, f);
            }
            long signed = negative ? -value : value;
            return new GoTemplateNode.Number(t.pos, text, signed, signed);
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("illegal number syntax: " + GoStrings.quote(text));
        }
    }

    /**
     * Go's {@code strconv.Unquote} of a double-quoted, back-quoted or single-quoted literal; null where Go reports
     * invalid syntax.
     */
    public static String unquote(String s) {
        if (s.length() < 2) {
            return null;
        }
        char q = s.charAt(0);
        if (s.charAt(s.length() - 1) != q) {
            return null;
        }
        String body = s.substring(1, s.length() - 1);
        if (q == '`') {
            return body.indexOf('`') >= 0 ? null : body.replace("\r", "");
        }
        if (q != '"' && q != '\'') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == q || c == '\n') {
                return null;
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                return null;
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\' -> sb.append('\\');
                case '"', '\'' -> {
                    if (e != q) {
                        return null;
                    }
                    sb.append(e);
                }
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n > body.length()) {
                        return null;
                    }
                    int v;
                    try {
                        v = Integer.parseUnsignedInt(body.substring(i, i + n), 16);
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                    i += n;
                    if (e == 'x') {
                        // A byte: only a whole UTF-8 sequence would make a character; ASCII is what templates use.
                        sb.append((char) v);
                    } else {
                        if (!Character.isValidCodePoint(v) || (v >= 0xD800 && v <= 0xDFFF)) {
                            return null;
                        }
                        sb.appendCodePoint(v);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        if (i + 2 > body.length()) {
                            return null;
                        }
                        String oct = body.substring(i - 1, i + 2);
                        if (!oct.matches("[0-7]{3}")) {
                            return null;
                        }
                        int v = Integer.parseInt(oct, 8);
                        if (v > 255) {
                            return null;
                        }
                        sb.append((char) v);
                        i += 2;
                    } else {
                        return null;
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Go's lexer, run to the end (or to its first error, after which Go's lexer yields nothing more). */
    private static final class Lexer {
        private final String input;
        private int pos;
        private int start;
        private int startLine = 1;
        private int line = 1;
        private int parenDepth;
        private final List<Item> out = new ArrayList<>();

        Lexer(String input) {
            this.input = input;
        }

        List<Item> run() {
            boolean inside = false;
            while (true) {
                Boolean state = inside ? insideAction() : text();
                if (state == null) {
                    break;
                }
                inside = state;
            }
            if (out.isEmpty() || out.get(out.size() - 1).type != T.EOF) {
                out.add(new Item(T.EOF, pos, "EOF", line));
            }
            return out;
        }

        private void emit(T type) {
            out.add(new Item(type, start, input.substring(start, pos), startLine));
            start = pos;
            startLine = line;
        }

        private void ignore() {
            line += count(input, start, pos);
            start = pos;
            startLine = line;
        }

        private Boolean errorf(String message) {
            out.add(new Item(T.ERROR, start, message, startLine));
            return null;
        }

        private int nextRune() {
            if (pos >= input.length()) {
                return -1;
            }
            int r = input.codePointAt(pos);
            pos += Character.charCount(r);
            if (r == '\n') {
                line++;
            }
            return r;
        }

        private void backupRune() {
            int r = input.codePointBefore(pos);
            pos -= Character.charCount(r);
            if (r == '\n') {
                line--;
            }
        }

        private int peekRune() {
            return pos >= input.length() ? -1 : input.codePointAt(pos);
        }

        private static int count(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                if (s.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        private static boolean isSpace(int r) {
            return r == ' ' || r == '\t' || r == '\r' || r == '\n';
        }

        private static boolean isAlphaNumeric(int r) {
            return r == '_' || Character.isLetter(r) || Character.isDigit(r);
        }

        private boolean leftTrim(int at) {
            return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
        }

        private boolean rightTrim(int at) {
            return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
        }

        /** At a right delimiter: {delim, trim}. */
        private boolean[] atRightDelim() {
            if (rightTrim(pos) && input.startsWith(RIGHT, pos + 2)) {
                return new boolean[] {true, true};
            }
            return new boolean[] {input.startsWith(RIGHT, pos), false};
        }

        /** Returns whether the next state is inside an action; null at the end. */
        private Boolean text() {
            int x = input.indexOf(LEFT, pos);
            if (x < 0) {
                pos = input.length();
                if (pos > start) {
                    line += count(input, start, pos);
                    emit(T.TEXT);
                }
                out.add(new Item(T.EOF, pos, "EOF", line));
                return null;
            }
            pos = x;
            int trimmedEnd = pos;
            boolean trim = leftTrim(x + LEFT.length());
            if (trim) {
                while (trimmedEnd > start && isSpace(input.charAt(trimmedEnd - 1))) {
                    trimmedEnd--;
                }
            }
            line += count(input, start, pos);
            if (trimmedEnd > start) {
                out.add(new Item(T.TEXT, start, input.substring(start, trimmedEnd), startLine));
            }
            start = pos;
            startLine = line;
            return leftDelim();
        }

        private Boolean leftDelim() {
            pos += LEFT.length();
            boolean trim = leftTrim(pos);
            int afterMarker = trim ? 2 : 0;
            if (input.startsWith("/*", pos + afterMarker)) {
                pos += afterMarker;
                ignore();
                return comment();
            }
            emit(T.LEFT_DELIM);
            pos += afterMarker;
            ignore();
            parenDepth = 0;
            return true;
        }

        private Boolean comment() {
            pos += 2;
            int x = input.indexOf("*/", pos);
            if (x < 0) {
                return errorf("unclosed comment");
            }
            pos = x + 2;
            boolean[] d = atRightDelim();
            if (!d[0]) {
                return errorf("comment ends before closing delimiter");
            }
            if (d[1]) {
                pos += 2;
            }
            pos += RIGHT.length();
            if (d[1]) {
                while (pos < input.length() && isSpace(input.charAt(pos))) {
                    pos++;
                }
            }
            ignore();
            return false;
        }

        private Boolean rightDelim() {
            boolean trim = atRightDelim()[1];
            if (trim) {
                pos += 2;
                ignore();
            }
            pos += RIGHT.length();
            emit(T.RIGHT_DELIM);
            if (trim) {
                while (pos < input.length() && isSpace(input.charAt(pos))) {
                    pos++;
                }
                ignore();
            }
            return false;
        }

        private Boolean insideAction() {
            if (atRightDelim()[0]) {
                if (parenDepth == 0) {
                    return rightDelim();
                }
                return errorf("unclosed left paren");
            }
            int r = nextRune();
            if (r == -1) {
                return errorf("unclosed action");
            } else if (isSpace(r)) {
                backupRune();
                return space();
            } else if (r == '=') {
                emit(T.ASSIGN);
            } else if (r == ':') {
                if (nextRune() != '=') {
                    return errorf("expected :=");
                }
                emit(T.DECLARE);
            } else if (r == '|') {
                emit(T.PIPE);
            } else if (r == '"') {
                return quote('"', T.STRING, "unterminated quoted string");
            } else if (r == '`') {
                return rawQuote();
            } else if (r == '$') {
                return fieldOrVariable(T.VARIABLE);
            } else if (r == '\'') {
                return quote('\'', T.CHAR_CONSTANT, "unterminated character constant");
            } else if (r == '.' && pos < input.length() && !(input.charAt(pos) >= '0' && input.charAt(pos) <= '9')) {
                return fieldOrVariable(T.FIELD);
            } else if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
                backupRune();
                return number();
            } else if (isAlphaNumeric(r)) {
                backupRune();
                return identifier();
            } else if (r == '(') {
                emit(T.LEFT_PAREN);
                parenDepth++;
            } else if (r == ')') {
                emit(T.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    return errorf("unexpected right paren");
                }
            } else if (r <= 0x7f && GoStrings.isPrint(r)) {
                emit(T.CHAR);
            } else {
                return errorf("unrecognized character in action: " + runeName(r));
            }
            return true;
        }

        private Boolean space() {
            int n = 0;
            while (isSpace(peekRune())) {
                nextRune();
                n++;
            }
            if (rightTrim(pos - 1) && input.startsWith(RIGHT, pos - 1 + 2)) {
                backupRune();
                if (n == 1) {
                    return rightDelim();
                }
            }
            emit(T.SPACE);
            return true;
        }

        private Boolean quote(char q, T type, String unterminated) {
            while (true) {
                int r = nextRune();
                if (r == '\\') {
                    r = nextRune();
                    if (r != -1 && r != '\n') {
                        continue;
                    }
                }
                if (r == -1 || r == '\n') {
                    return errorf(unterminated);
                }
                if (r == q) {
                    break;
                }
            }
            emit(type);
            return true;
        }

        private Boolean rawQuote() {
            int x = input.indexOf('`', pos);
            if (x < 0) {
                return errorf("unterminated raw quoted string");
            }
            while (pos <= x) {
                nextRune();
            }
            emit(T.RAW_STRING);
            return true;
        }

        private boolean atTerminator() {
            int r = peekRune();
            if (isSpace(r) || r == -1) {
                return true;
            }
            if (r == '.' || r == ',' || r == '|' || r == ':' || r == ')' || r == '(') {
                return true;
            }
            return input.startsWith(RIGHT, pos);
        }

        private Boolean fieldOrVariable(T type) {
            if (atTerminator()) {
                if (type == T.VARIABLE) {
                    emit(T.VARIABLE);
                } else {
                    emit(T.DOT);
                }
                return true;
            }
            int r;
            while (true) {
                r = nextRune();
                if (!isAlphaNumeric(r)) {
                    if (r != -1) {
                        backupRune();
                    }
                    break;
                }
            }
            if (!atTerminator()) {
                return errorf("bad character " + runeName(peekRune()));
            }
            emit(type);
            return true;
        }

        private Boolean identifier() {
            while (true) {
                int r = nextRune();
                if (!isAlphaNumeric(r)) {
                    if (r != -1) {
                        backupRune();
                    }
                    break;
                }
            }
            String word = input.substring(start, pos);
            if (!atTerminator()) {
                return errorf("bad character " + runeName(peekRune()));
            }
            T type = switch (word) {
                case "block" -> T.BLOCK;
                case "break" -> T.BREAK;
                case "continue" -> T.CONTINUE;
                case "define" -> T.DEFINE;
                case "else" -> T.ELSE;
                case "end" -> T.END;
                case "if" -> T.IF;
                case "range" -> T.RANGE;
                case "nil" -> T.NIL;
                case "template" -> T.TEMPLATE;
                case "with" -> T.WITH;
                case "true", "false" -> T.BOOL;
                default -> T.IDENTIFIER;
            };
            emit(type);
            return true;
        }

        private boolean accept(String valid) {
            int r = peekRune();
            if (r != -1 && valid.indexOf(r) >= 0) {
                nextRune();
                return true;
            }
            return false;
        }

        private void acceptRun(String valid) {
            while (accept(valid)) {
                // consume
            }
        }

        private Boolean number() {
            accept("+-");
            String digits = "0123456789_";
            if (accept("0")) {
                if (accept("xX")) {
                    digits = "0123456789abcdefABCDEF_";
                } else if (accept("oO")) {
                    digits = "01234567_";
                } else if (accept("bB")) {
                    digits = "01_";
                }
            }
            acceptRun(digits);
            if (accept(".")) {
                acceptRun(digits);
            }
            if (digits.length() == 11 && accept("eE")) {
                accept("+-");
                acceptRun("0123456789_");
            }
            if (digits.length() == 23 && accept("pP")) {
                accept("+-");
                acceptRun("0123456789_");
            }
            accept("i");
            if (isAlphaNumeric(peekRune())) {
                nextRune();
                return errorf("bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
            }
            emit(T.NUMBER);
            return true;
        }

        /** Go's {@code %#U}: {@code U+0022 '"'}. */
        private static String runeName(int r) {
            String hex = String.format("U+%04X", r);
            return GoStrings.isPrint(r) ? hex + " '" + new String(Character.toChars(r)) + "'" : hex;
        }
    }
}
