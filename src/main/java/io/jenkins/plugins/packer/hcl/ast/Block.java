package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.Range;
import java.util.List;

/** {@code type "label" ... { body }}. */
public record Block(String type, List<String> labels, Body body, Range typeRange, List<Range> labelRanges,
                    Range openBraceRange, Range closeBraceRange) {

    /**
     * The block header, from the type to the last label (the type alone when there is none), as hclsyntax's
     * {@code DefRange}: messages print it as {@code FILE:1,1-21}. A block of the JSON syntax has no header of its
     * own: HCL takes its opening brace (or the bracket of an array of such blocks).
     */
    public Range defRange() {
        if (!body.nativeSyntax()) {
            return openBraceRange;
        }
        return Range.between(typeRange, labelRanges.isEmpty() ? typeRange : labelRanges.get(labelRanges.size() - 1));
    }
}
