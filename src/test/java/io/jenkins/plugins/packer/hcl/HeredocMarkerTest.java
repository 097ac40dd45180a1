package io.jenkins.plugins.packer.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A heredoc's closing marker is recognised on a line trimmed of white space as Go trims it. */
class HeredocMarkerTest {

    private static List<TokenType> types(String src) {
        return Lexer.scan(src, "t.hcl").stream().map(Token::type).toList();
    }

    @Test
    void markerIndentedWithSpacesCloses() {
        assertThat(types("x = <<EOT\nhi\n  EOT\n")).contains(TokenType.CHEREDOC);
    }

    @Test
    void markerFollowedByANoBreakSpaceCloses() {
        // Go's bytes.TrimSpace trims Unicode white space such as U+0085 and U+00A0, not only ASCII.
        assertThat(types("x = <<EOT\nhi\nEOT\u00A0\n")).contains(TokenType.CHEREDOC);
        assertThat(types("x = <<EOT\nhi\nEOT\u0085\n")).contains(TokenType.CHEREDOC);
    }

    @Test
    void markerWithOtherTextDoesNotClose() {
        assertThat(types("x = <<EOT\nEOTX\n")).doesNotContain(TokenType.CHEREDOC);
    }
}
