package io.jenkins.plugins.packer.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the corpus's simplest expressions, literals joined by binary operators with HCL's
 * precedence and prefixed by unary ones (tokens separated by spaces), so that operator cases can
 * be checked against the oracle without the HCL parser.
 */
final class FlatExpression {

    private static final Map<String, Operator> BINARY = Map.ofEntries(
            Map.entry("||", Operator.OR), Map.entry("&&", Operator.AND),
            Map.entry("==", Operator.EQUAL), Map.entry("!=", Operator.NOT_EQUAL),
            Map.entry(">", Operator.GREATER_THAN), Map.entry(">=", Operator.GREATER_THAN_OR_EQUAL),
            Map.entry("<", Operator.LESS_THAN), Map.entry("<=", Operator.LESS_THAN_OR_EQUAL),
            Map.entry("+", Operator.ADD), Map.entry("-", Operator.SUBTRACT),
            Map.entry("*", Operator.MULTIPLY), Map.entry("/", Operator.DIVIDE), Map.entry("%", Operator.MODULO));
    private static final List<List<Operator>> LEVELS = List.of(
            List.of(Operator.OR), List.of(Operator.AND), List.of(Operator.EQUAL, Operator.NOT_EQUAL),
            List.of(Operator.GREATER_THAN, Operator.GREATER_THAN_OR_EQUAL, Operator.LESS_THAN, Operator.LESS_THAN_OR_EQUAL),
            List.of(Operator.ADD, Operator.SUBTRACT), List.of(Operator.MULTIPLY, Operator.DIVIDE, Operator.MODULO));

    private final List<String> tokens;
    private int pos;

    private FlatExpression(String text) {
        this.tokens = new ArrayList<>(Arrays.asList(text.trim().split(" +")));
    }

    static Value evaluate(String text) {
        FlatExpression e = new FlatExpression(text);
        Value v = e.level(0);
        if (e.pos != e.tokens.size()) {
            throw new IllegalArgumentException("not a flat expression: " + text);
        }
        return v;
    }

    private Value level(int n) {
        if (n == LEVELS.size()) {
            return unary();
        }
        Value left = level(n + 1);
        while (pos < tokens.size() && LEVELS.get(n).contains(BINARY.get(tokens.get(pos)))) {
            Operator op = BINARY.get(tokens.get(pos++));
            left = op.apply(left, level(n + 1));
        }
        return left;
    }

    private Value unary() {
        String t = tokens.get(pos);
        if (t.equals("-") || t.equals("!")) {
            pos++;
            return (t.equals("-") ? Operator.NEGATE : Operator.NOT).apply(unary());
        }
        if (t.length() > 1 && (t.startsWith("-") || t.startsWith("!")) && !t.startsWith("!=")) {
            tokens.set(pos, t.substring(1));
            return (t.startsWith("-") ? Operator.NEGATE : Operator.NOT).apply(unary());
        }
        pos++;
        return literal(t);
    }

    private static Value literal(String t) {
        return switch (t) {
            case "true" -> Value.TRUE;
            case "false" -> Value.FALSE;
            case "null" -> Value.DYNAMIC_NULL;
            default -> t.startsWith("\"") ? Value.string(t.substring(1, t.length() - 1)) : Value.parseNumber(t);
        };
    }
}
