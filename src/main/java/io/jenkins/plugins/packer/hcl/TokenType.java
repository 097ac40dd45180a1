package io.jenkins.plugins.packer.hcl;

/** The kinds of token of HCL's native syntax, named as in hclsyntax. */
public enum TokenType {
    OBRACE("{"), CBRACE("}"), OBRACK("["), CBRACK("]"), OPAREN("("), CPAREN(")"),
    OQUOTE("\""), CQUOTE("\""), OHEREDOC("<<"), CHEREDOC("heredoc end"),
    STAR("*"), SLASH("/"), PLUS("+"), MINUS("-"), PERCENT("%"),
    EQUAL("="), EQUAL_OP("=="), NOT_EQUAL("!="), LESS_THAN("<"), LESS_THAN_EQ("<="),
    GREATER_THAN(">"), GREATER_THAN_EQ(">="),
    AND("&&"), OR("||"), BANG("!"), DOT("."), COMMA(","), ELLIPSIS("..."), FAT_ARROW("=>"),
    QUESTION("?"), COLON(":"),
    TEMPLATE_INTERP("${"), TEMPLATE_CONTROL("%{"), TEMPLATE_SEQ_END("}"),
    QUOTED_LIT("quoted literal"), STRING_LIT("string literal"), NUMBER_LIT("number literal"), IDENT("identifier"),
    COMMENT("comment"), NEWLINE("newline"), EOF("end of file"),
    BITWISE_AND("&"), BITWISE_OR("|"), BITWISE_NOT("~"), BITWISE_XOR("^"), SEMICOLON(";"), BACKTICK("`"),
    APOSTROPHE("'"),
    INVALID("invalid character"), BAD_UTF8("invalid UTF-8"), QUOTED_NEWLINE("newline in quoted string");

    private final String text;

    TokenType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
