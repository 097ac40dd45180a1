package io.jenkins.plugins.packer.hcl.fmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** One layout rule of {@code packer fmt} (hclwrite v2.6.0) per test, on the smallest input that shows it. */
class FormatterTest {

    private static String fmt(String src) {
        return Formatter.format(src);
    }

    // ---- indentation -------------------------------------------------------------------------------------------

    @Test
    void indentsTwoSpacesPerOpenBlock() {
        assertThat(fmt("a {\nb {\nc = 1\n}\n}\n")).isEqualTo("a {\n  b {\n    c = 1\n  }\n}\n");
    }

    @Test
    void replacesTabIndentationWithSpaces() {
        assertThat(fmt("a {\n\t\tb = 1\n}\n")).isEqualTo("a {\n  b = 1\n}\n");
    }

    @Test
    void removesIndentationAtTopLevel() {
        assertThat(fmt("   a = 1\n")).isEqualTo("a = 1\n");
    }

    @Test
    void indentsOneLevelForSeveralBracketsOpenedOnOneLine() {
        assertThat(fmt("[[\na\n]]\n")).isEqualTo("[[\n  a\n]]\n");
    }

    @Test
    void indentsMultiLineCallArguments() {
        assertThat(fmt("x = foo(\n1,\n2,\n)\n")).isEqualTo("x = foo(\n  1,\n  2,\n)\n");
    }

    @Test
    void indentsInsideMultiLineInterpolation() {
        assertThat(fmt("x = \"${\nhello\n}\"\n")).isEqualTo("x = \"${\n  hello\n}\"\n");
    }

    @Test
    void indentsCommentOnlyLinesWithTheirBlock() {
        assertThat(fmt("a {\n# note\n}\n")).isEqualTo("a {\n  # note\n}\n");
    }

    @Test
    void leavesHeredocBodyAndMarkerAsWritten() {
        String src = "a {\nb = <<-EOT\n   text { [\n    EOT\n}\n";
        assertThat(fmt(src)).isEqualTo("a {\n  b = <<-EOT\n   text { [\n    EOT\n}\n");
    }

    @Test
    void leavesLinesInsideBlockCommentsAsWritten() {
        assertThat(fmt("a {\n/* one\n      two */\n}\n")).isEqualTo("a {\n  /* one\n      two */\n}\n");
    }

    // ---- spaces between tokens ---------------------------------------------------------------------------------

    @Test
    void putsOneSpaceAroundEquals() {
        assertThat(fmt("a=1\n")).isEqualTo("a = 1\n");
    }

    @Test
    void putsOneSpaceAroundBinaryOperators() {
        assertThat(fmt("x = (a+2*b)==c&&d\n")).isEqualTo("x = (a + 2 * b) == c && d\n");
    }

    @Test
    void putsOneSpaceAroundConditionalMarks() {
        assertThat(fmt("x = a?b:c\n")).isEqualTo("x = a ? b : c\n");
    }

    @Test
    void writesNoSpaceBetweenFunctionNameAndParenthesis() {
        assertThat(fmt("x = max (1, 2)\n")).isEqualTo("x = max(1, 2)\n");
    }

    @Test
    void writesOneSpaceAfterCommaAndNoneBefore() {
        assertThat(fmt("x = f(1 ,2,3)\n")).isEqualTo("x = f(1, 2, 3)\n");
    }

    @Test
    void writesNoSpaceBeforeEllipsis() {
        assertThat(fmt("x = f(a, b ...)\n")).isEqualTo("x = f(a, b...)\n");
    }

    @Test
    void writesNoSpaceAroundAttributeDots() {
        assertThat(fmt("x = var . a . b\n")).isEqualTo("x = var.a.b\n");
    }

    @Test
    void writesNoSpaceInsideParenthesesAndBrackets() {
        assertThat(fmt("x = [ ( a ) ]\n")).isEqualTo("x = [(a)]\n");
    }

    @Test
    void gluesIndexBracketToWhatItIndexes() {
        assertThat(fmt("x = a [0] + f() [1] + [1] [0]\n")).isEqualTo("x = a[0] + f()[1] + [1][0]\n");
    }

    @Test
    void keepsSpaceBetweenInAndTupleInForExpression() {
        assertThat(fmt("x = [for v in[1]: v]\n")).isEqualTo("x = [for v in [1] : v]\n");
    }

    @Test
    void padsBracesInside() {
        assertThat(fmt("x = {a=1}\n")).isEqualTo("x = { a = 1 }\n");
    }

    @Test
    void keepsEmptyBracesClosed() {
        assertThat(fmt("b { }\n")).isEqualTo("b {}\n");
    }

    @Test
    void gluesNegationToItsOperand() {
        assertThat(fmt("x = [- 1, a*- 2, (- 3)]\n")).isEqualTo("x = [-1, a * -2, (-3)]\n");
    }

    @Test
    void spacesSubtractionAfterAnOperand() {
        assertThat(fmt("x = a -1\n")).isEqualTo("x = a - 1\n");
    }

    /** Names may contain dashes, so without spaces this is one identifier, not a subtraction. */
    @Test
    void leavesDashedNameWhole() {
        assertThat(fmt("x = a-1\n")).isEqualTo("x = a-1\n");
    }

    /** hcl 2.9 later glued the operand to {@code !}; the 2.6.0 formatter inside packer 1.6.6 did not. */
    @Test
    void separatesLogicalNotFromItsOperand() {
        assertThat(fmt("x = !true\n")).isEqualTo("x = ! true\n");
    }

    @Test
    void removesSpacesInsideInterpolation() {
        assertThat(fmt("x = \"a ${ b } c\"\n")).isEqualTo("x = \"a ${b} c\"\n");
    }

    @Test
    void keepsStripMarkersOfInterpolation() {
        assertThat(fmt("x = \"${~ b ~}\"\n")).isEqualTo("x = \"${~b~}\"\n");
    }

    @Test
    void removesSpacesInsideTemplateDirectives() {
        assertThat(fmt("x = \"%{ if c }y%{ endif }\"\n")).isEqualTo("x = \"%{if c}y%{endif}\"\n");
    }

    @Test
    void separatesLoneObjectFromInterpolationBraces() {
        assertThat(fmt("x = \"${{a = 1}}\"\n")).isEqualTo("x = \"${ { a = 1 } }\"\n");
    }

    @Test
    void normalisesSpacesInsideHeredocInterpolation() {
        assertThat(fmt("x = <<EOT\n  ${ a }  ${b}\nEOT\n")).isEqualTo("x = <<EOT\n  ${a}  ${b}\nEOT\n");
    }

    @Test
    void writesSpaceBeforeTrailingComment() {
        assertThat(fmt("b {}# note\n")).isEqualTo("b {} # note\n");
    }

    // ---- alignment ---------------------------------------------------------------------------------------------

    @Test
    void alignsEqualsOfConsecutiveAssignments() {
        assertThat(fmt("a = 1\nlonger = 2\n")).isEqualTo("a      = 1\nlonger = 2\n");
    }

    @Test
    void blankLineEndsAnAlignmentGroup() {
        assertThat(fmt("a = 1\n\nlonger = 2\n")).isEqualTo("a = 1\n\nlonger = 2\n");
    }

    @Test
    void multiLineValueEndsAnAlignmentGroup() {
        assertThat(fmt("a = 1\nlonger = [\n1,\n]\nb = 2\n"))
                .isEqualTo("a = 1\nlonger = [\n  1,\n]\nb = 2\n");
    }

    @Test
    void commentLineEndsAnAlignmentGroup() {
        assertThat(fmt("a = 1\n# note\nlonger = 2\n")).isEqualTo("a = 1\n# note\nlonger = 2\n");
    }

    @Test
    void alignsTrailingCommentsOfConsecutiveLines() {
        assertThat(fmt("a = 1 # one\nb = \"two\" # two\n")).isEqualTo("a = 1     # one\nb = \"two\" # two\n");
    }

    @Test
    void alignsByGraphemeClustersNotBytes() {
        assertThat(fmt("\"é\" = 1\nabcd = 2\n")).isEqualTo("\"é\"  = 1\nabcd = 2\n");
    }

    @Test
    void alignsHeredocAssignmentWithItsNeighbours() {
        assertThat(fmt("a = <<EOT\nx\nEOT\nbcd = 1\n")).isEqualTo("a   = <<EOT\nx\nEOT\nbcd = 1\n");
    }

    // ---- whitespace only ---------------------------------------------------------------------------------------

    @Test
    void keepsEveryBlankLine() {
        assertThat(fmt("a = 1\n\n\n\nb = 2\n")).isEqualTo("a = 1\n\n\n\nb = 2\n");
    }

    @Test
    void removesTrailingSpacesOfLines() {
        assertThat(fmt("a = 1   \n  \nb {  \n}\n")).isEqualTo("a = 1\n\nb {\n}\n");
    }

    @Test
    void keepsCrlfLineEndings() {
        assertThat(fmt("a {\r\nb=1 # c\r\n}\r\n")).isEqualTo("a {\r\n  b = 1 # c\r\n}\r\n");
    }

    @Test
    void addsNoFinalNewline() {
        assertThat(fmt("a=1")).isEqualTo("a = 1");
    }

    /** The end-of-file token belongs to no line, so nothing resets the spaces in front of it. */
    @Test
    void keepsSpacesAtEndOfFileWithoutNewline() {
        assertThat(fmt("a=1   ")).isEqualTo("a = 1   ");
    }

    @Test
    void turnsTabsAtEndOfFileIntoSpaces() {
        assertThat(fmt("a=1\t\t")).isEqualTo("a = 1  ");
    }

    @Test
    void dropsByteOrderMark() {
        assertThat(fmt("\uFEFFa=1\n")).isEqualTo("a = 1\n");
    }

    @Test
    void keepsCommentTextAsWritten() {
        assertThat(fmt("#a   b\n//c   d\n/*  e  */\n")).isEqualTo("#a   b\n//c   d\n/*  e  */\n");
    }

    @Test
    void formatsEmptyInputToEmptyOutput() {
        assertThat(fmt("")).isEmpty();
    }

    @Test
    void formatsUnparsableInputAnyway() {
        assertThat(fmt("a = = {\nb\n")).isEqualTo("a = = {\n  b\n");
    }

    @Test
    void copiesInvalidUtf8BytesUnchanged() {
        byte[] src = {'a', '=', '"', (byte) 0xff, '"', '\n'};
        byte[] want = {'a', ' ', '=', ' ', '"', (byte) 0xff, '"', '\n'};
        assertThat(Formatter.format(src)).isEqualTo(want);
    }

    @Test
    void stringAndByteFormsAgree() {
        String src = "x = {a=\"é\"}\n";
        assertThat(Formatter.format(src.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Formatter.format(src).getBytes(StandardCharsets.UTF_8));
    }
}
