package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON syntax errors are found at the byte Go's scanner stops at and worded as Go words them. */
class GoJsonSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            valid document                  | {"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"]} |                                                              | 0
            bad first byte                  | *                  | invalid character '*' looking for beginning of value           | 1
            trailing comma in object        | {"a":1,}           | invalid character '}' looking for beginning of object key string | 8
            key not a string                | {a:1}              | invalid character 'a' looking for beginning of object key string | 2
            missing colon                   | {"a" 1}            | invalid character '1' after object key                         | 6
            missing comma in object         | {"a":1 "b":2}      | invalid character '"' after object key:value pair              | 8
            missing comma in array          | [1 2]              | invalid character '2' after array element                      | 4
            trailing comma in array         | [1,]               | invalid character ']' looking for beginning of value           | 4
            second top-level value          | {}]                | invalid character ']' after top-level value                    | 3
            leading zero                    | [01]               | invalid character '1' after array element                      | 3
            minus without digits            | [-x]               | invalid character 'x' in numeric literal                       | 3
            point without digits            | [1.x]              | invalid character 'x' after decimal point in numeric literal   | 4
            exponent without digits         | [1e+x]             | invalid character 'x' in exponent of numeric literal           | 5
            bad escape                      | ["\\x"]            | invalid character 'x' in string escape code                    | 4
            bad unicode escape              | ["\\u12g4"]        | invalid character 'g' in \\u hexadecimal character escape      | 7
            misspelt literal                | [tru]              | invalid character ']' in literal true (expecting 'e')          | 5
            single quotes                   | ['a']              | invalid character '\\'' looking for beginning of value         | 2
            empty input                     | ``                 | unexpected end of JSON input                                   | 0
            cut short                       | {"a":[             | unexpected end of JSON input                                   | 6
            cut short in a string           | {"a":"x            | unexpected end of JSON input                                   | 7
            cut short in a literal          | {"a":nul           | invalid character ' ' in literal null (expecting 'l')          | 8
            cut short after a minus         | [-                 | invalid character ' ' in numeric literal                       | 2
            """)
    void checksADocument(String behaviour, String json, String message, int offset) {
        var error = GoJsonSyntax.checkDocument(json.getBytes(StandardCharsets.UTF_8));
        if (message == null) {
            assertThat(error).isEmpty();
        } else {
            assertThat(error).contains(new GoJsonSyntax.Error(message, offset));
        }
    }

    @Test
    void escapesAControlCharacterInAString() {
        assertThat(GoJsonSyntax.checkDocument(new byte[] {'[', '"', 1, '"', ']'}))
                .contains(new GoJsonSyntax.Error("invalid character '\\x01' in string literal", 3));
    }

    @Test
    void namesANonAsciiByteAsTheLatin1CharacterOfItsValue() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'};
        assertThat(GoJsonSyntax.checkDocument(bom))
                .contains(new GoJsonSyntax.Error("invalid character '\u00ef' looking for beginning of value", 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            nothing but spaces gives EOF    | `  `         | EOF
            a cut value gives unexpected EOF | {"a":"b"    | unexpected EOF
            a syntax error                  | {"a":"b",}   | invalid character '}' looking for beginning of object key string
            """)
    void checksTheFirstValueOfAStream(String behaviour, String json, String message) {
        assertThat(GoJsonSyntax.checkFirstValue(json.getBytes(StandardCharsets.UTF_8))).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            garbage after an object         | {"a":"b"} xx
            garbage right after a number    | 12x
            """)
    void ignoresWhatFollowsTheFirstValueOfAStream(String behaviour, String json) {
        assertThat(GoJsonSyntax.checkFirstValue(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void refusesNestingDeeperThanGo() {
        byte[] deep = "[".repeat(GoJsonSyntax.MAX_DEPTH + 1).getBytes(StandardCharsets.US_ASCII);
        assertThat(GoJsonSyntax.checkDocument(deep))
                .contains(new GoJsonSyntax.Error("invalid character '[' exceeded max depth", 10_001));
    }
}
