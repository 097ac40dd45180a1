package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.Range;
import java.util.List;

/** {@code type "label" ... { body }}. */
public record Block(String type, List<String> labels, Body body, Range typeRange, List<Range> labelRanges,
                    Range openBraceRange, Range closeBraceRange) {

    /** The block header, from the type to the opening brace, as HCL's "in BLOCK" messages use. */
    public Range defRange() {
        return Range.between(typeRange, openBraceRange);
    }
}
