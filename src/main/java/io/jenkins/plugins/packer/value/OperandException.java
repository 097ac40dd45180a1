package io.jenkins.plugins.packer.value;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or both operands of an operator could not be converted to the type the operator takes;
 * HCL reports each as an "Invalid operand" error on that operand.
 */
public final class OperandException extends ValueException {

    private static final long serialVersionUID = 1L;

    /** HCL's diagnostic summary for each problem. */
    public static final String SUMMARY = "Invalid operand";

    /** Which operand a problem is about, named as in HCL's messages. */
    public enum Side {
        LEFT("left"),
        RIGHT("right"),
        UNARY("unary");

        private final String word;

        Side(String word) {
            this.word = word;
        }
    }

    /** One unsuitable operand and the conversion's reason, e.g. "a number is required". */
    public record Problem(Side side, String reason) {

        /** HCL's diagnostic detail: "Unsuitable value for left operand: a number is required." */
        public String detail() {
            return "Unsuitable value for " + side.word + " operand: " + reason + ".";
        }
    }

    private final transient List<Problem> problems;

    OperandException(List<Problem> problems) {
        super(problems.stream().map(Problem::detail).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems in HCL's order: left before right. */
    public List<Problem> problems() {
        return problems;
    }
}
