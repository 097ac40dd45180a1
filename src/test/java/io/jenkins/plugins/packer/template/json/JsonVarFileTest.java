package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON variables files are read as packer 1.6.6 reads them, through Go's streaming decoder. */
class JsonVarFileTest {

    private static JsonVarFile.Result parse(String json) {
        return JsonVarFile.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsStringValuesInOrderWithTheLastDuplicateWinning() {
        assertThat(parse("{\"b\": \"1\", \"a\": \"2\", \"b\": \"3\"}").values())
                .containsExactly(Map.entry("b", "3"), Map.entry("a", "2"));
    }

    @Test
    void nullValueIsAnEmptyString() {
        assertThat(parse("{\"a\": null}").values()).containsEntry("a", "");
    }

    @Test
    void nullDocumentHasNoValues() {
        assertThat(parse("null").values()).isEmpty();
    }

    @Test
    void whatFollowsTheObjectIsIgnored() {
        assertThat(parse("{\"a\": \"b\"} {\"c\": 1} xx").values()).containsOnlyKeys("a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a number value                 | {"a": 1, "b": {}}  | json: cannot unmarshal number into Go value of type string
            an object value                | {"a": {"x": 1}}    | json: cannot unmarshal object into Go value of type string
            a list value                   | {"a": []}          | json: cannot unmarshal array into Go value of type string
            a boolean value                | {"a": true}        | json: cannot unmarshal bool into Go value of type string
            a list document                | [1]                | json: cannot unmarshal array into Go value of type kvflag.FlagJSON
            a string document              | "s"                | json: cannot unmarshal string into Go value of type kvflag.FlagJSON
            a number document              | 12x                | json: cannot unmarshal number into Go value of type kvflag.FlagJSON
            a boolean document             | false              | json: cannot unmarshal bool into Go value of type kvflag.FlagJSON
            an empty file                  | `  `               | EOF
            a cut file                     | {"a": "b"          | unexpected EOF
            a syntax error                 | {"a": "b",}        | invalid character '}' looking for beginning of object key string
            """)
    void refuses(String behaviour, String json, String error) {
        JsonVarFile.Result r = parse(json);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo(error);
    }
}
