package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.Range;
import java.util.List;

/** {@code type "label" ... { body }}. */
public record Block(String type, List<String> labels, Body body, Range typeRange, List<Range> labelRanges,
                    Range openBraceRange, Range closeBraceRange) {

    /**
     * The block header, from the type to the opening brace, as HCL's "in BLOCK" messages use. A block of the JSON
     * syntax has no header of its own: HCL takes its opening brace (or the bracket of an array of such blocks).
     */
    public Range defRange() {
        return body instanceof SyntaxBody ? Range.between(typeRange, openBraceRange) : openBraceRange;
    }
}
