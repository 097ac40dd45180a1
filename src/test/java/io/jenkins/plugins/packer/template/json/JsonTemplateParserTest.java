package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the JSON template parser accepts, what it builds, and each error it reports, with packer 1.6.6's words. */
class JsonTemplateParserTest {

    private static JsonTemplateParser.Result parse(String json) {
        return JsonTemplateParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonTemplate template(String json) {
        JsonTemplateParser.Result r = parse(json);
        assertThat(r.error()).isNull();
        return r.template();
    }

    private static JsonTemplateError error(String json) {
        JsonTemplateParser.Result r = parse(json);
        assertThat(r.ok()).isFalse();
        return r.error();
    }

    private static JsonProblem problem(String message, int line, int column) {
        return new JsonProblem(message, new JsonPosition(line, column, 0));
    }

    /** Problems compared by message, line and column (offsets are checked where they matter). */
    private static void assertProblems(JsonTemplateError e, JsonProblem... expected) {
        assertThat(e.problems()).extracting(p -> p.message() + " @" + p.position())
                .containsExactly(List.of(expected).stream().map(p -> p.message() + " @" + p.position())
                        .toArray(String[]::new));
    }

    // Document level

    @Test
    void syntaxErrorPointsAtTheOffendingByteWithTheLineBefore() {
        JsonTemplateError e = error("{\n  \"builders\": [\n    {\"type\": \"null\",}\n  ]\n}\n");
        assertThat(e.message()).isEqualTo("Error parsing JSON: invalid character '}' looking for beginning of object key "
                + "string\nAt line 3, column 22 (offset 39):\n"
                + "    2:   \"builders\": [\n"
                + "    3:     {\"type\": \"null\",}\n"
                + " ".repeat(27) + "^\n");
        assertThat(e.problems()).containsExactly(new JsonProblem(
                "invalid character '}' looking for beginning of object key string", new JsonPosition(3, 21, 38)));
    }

    @Test
    void syntaxErrorOnTheFirstLineCountsColumnsFromZero() {
        assertThat(error("{\"a\" 1}").message()).isEqualTo("Error parsing JSON: invalid character '1' after object key\n"
                + "At line 1, column 6 (offset 6):\n"
                + "    1: {\"a\" 1\n"
                + " ".repeat(11) + "^\n");
    }

    @Test
    void numberOutOfFloat64RangeIsReportedBeforeDuplicates() {
        JsonTemplateError e = error("{\"a\": 1, \"a\": 1e400}");
        assertThat(e.message()).isEqualTo("json: cannot unmarshal number 1e400 into Go value of type float64");
        assertProblems(e, problem("json: cannot unmarshal number 1e400 into Go value of type float64", 1, 15));
    }

    @Test
    void duplicateKeyIsReportedAtItsSecondOccurrence() {
        JsonTemplateError e = error("{\"builders\": [{\"type\": \"a\",\n \"type\": \"b\"}]}");
        assertThat(e.message()).isEqualTo("template has duplicate field: type");
        assertProblems(e, problem("template has duplicate field: type", 2, 2));
    }

    @Test
    void duplicateKeysCompareUnescaped() {
        assertThat(error("{\"\\u0061\": 1, \"a\": 2}").message()).isEqualTo("template has duplicate field: a");
    }

    @Test
    void documentThatIsNotAnObjectIsRefused() {
        JsonTemplateError e = error("[]");
        assertThat(e.message()).isEqualTo("'' expected a map, got 'slice'");
        assertProblems(e, problem("'' expected a map, got 'slice'", 1, 1));
    }

    @Test
    void nullDocumentIsAnEmptyTemplate() {
        JsonTemplate t = template("null");
        assertThat(t.builders()).isEmpty();
        assertThat(t.variables()).isEmpty();
    }

    // Root keys

    @Test
    void rootKeysOfTheWrongTypeAreListedSorted() {
        JsonTemplateError e = error("""
                {"description": 1, "builders": {}, "variables": [], "sensitive-variables": "a"}""");
        assertThat(e.message()).isEqualTo("""
                4 error(s) decoding:

                * 'Description' expected type 'string', got unconvertible type 'float64', value: '1'
                * 'Variables' expected a map, got 'slice'
                * 'builders': source data must be an array or slice, got map
                * 'sensitive-variables': source data must be an array or slice, got string""");
        assertThat(e.problems()).extracting(p -> p.position().column()).containsExactly(17, 32, 49, 76);
    }

    @Test
    void rootKeysMatchTheirFieldIgnoringCase() {
        JsonTemplate t = template("{\"DESCRIPTION\": \"d\", \"Builders\": [{\"type\": \"null\"}]}");
        assertThat(t.description()).isEqualTo("d");
        assertThat(t.builders()).containsOnlyKeys("null");
    }

    @Test
    void listElementsOfTheWrongTypeAreNamedByIndex() {
        assertThat(error("{\"sensitive-variables\": [\"a\", 1]}").message()).endsWith(
                "* 'sensitive-variables[1]' expected type 'string', got unconvertible type 'float64', value: '1'");
    }

    @Test
    void unknownRootKeysAreListedSortedAtTheirKeys() {
        JsonTemplateError e = error("{\"zeta\": 1,\n \"alpha\": 2, \"builders\": []}");
        assertThat(e.message()).isEqualTo("""
                2 errors occurred:
                \t* Unknown root level key in template: 'alpha'
                \t* Unknown root level key in template: 'zeta'

                """);
        assertProblems(e, problem("Unknown root level key in template: 'alpha'", 2, 2),
                problem("Unknown root level key in template: 'zeta'", 1, 2));
    }

    @Test
    void underscoreKeysAreComments() {
        JsonTemplate t = template("{\"_comment\": \"hello\", \"comments\": [{\"c\": \"d\"}], \"builders\": []}");
        assertThat(t.comments()).containsEntry("_comment", "hello").containsEntry("c", "d");
    }

    @Test
    void commentThatIsNotAStringStopsParsing() {
        JsonTemplateError e = error("{\"zz\": 1, \"_note\": [\"x\"]}");
        assertThat(e.message()).isEqualTo("Failed to cast root level comment value in comment \"_note\" to string.");
        assertProblems(e, problem(e.message(), 1, 20));
    }

    @Test
    void emptyRootKeyIsAnUnknownKeyWherePackerCrashes() {
        assertThat(error("{\"\": 1}").message()).contains("* Unknown root level key in template: ''");
    }

    @Test
    void pushIsAcceptedAndIgnored() {
        assertThat(template("{\"push\": {\"name\": \"x\"}, \"builders\": []}").root().get("push")).isPresent();
    }

    // Variables

    @Test
    void variablesHaveDefaultsOrAreRequiredAndMayBeSensitive() {
        JsonTemplate t = template("""
                {"variables": {"a": "x", "b": null}, "sensitive-variables": ["b"]}""");
        assertThat(t.variables().get("a")).isEqualTo(
                new JsonTemplate.Variable("a", "x", false, false, t.variables().get("a").position()));
        assertThat(t.variables().get("b").required()).isTrue();
        assertThat(t.variables().get("b").sensitive()).isTrue();
        assertThat(t.variables().get("b").position().column()).isEqualTo(31);
    }

    @Test
    void variableThatIsNotAStringShowsItsGoValue() {
        JsonTemplateError e = error("{\"variables\": {\"c\": {\"k\": [1, \"x\", null, 1.5e30, 0.5]}}}");
        assertThat(e.message()).isEqualTo("1 error occurred:\n\t* variable c: '' expected type 'string', got "
                + "unconvertible type 'map[string]interface {}', value: 'map[k:[1 x <nil> 1.5e+30 0.5]]'\n\n");
        assertProblems(e, problem("variable c: '' expected type 'string', got unconvertible type "
                + "'map[string]interface {}', value: 'map[k:[1 x <nil> 1.5e+30 0.5]]'", 1, 21));
    }

    // Builders

    @Test
    void builderNameDefaultsToItsTypeAndConfigLosesNameAndType() {
        JsonTemplate t = template("{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}");
        JsonTemplate.Builder b = t.builders().get("null");
        assertThat(b.type()).isEqualTo("null");
        assertThat(b.config().members()).extracting(JsonValue.Member::key).containsExactly("communicator");
    }

    @Test
    void builderTypeAndNameAreWeaklyConvertedToStrings() {
        JsonTemplate t = template("{\"builders\": [{\"type\": true, \"name\": 1.5}]}");
        assertThat(t.builders().get("1.5").type()).isEqualTo("1");
    }

    @Test
    void builderWithoutTypeIsReported() {
        JsonTemplateError e = error("{\"builders\": [{\"name\": \"x\"}]}");
        assertThat(e.message()).isEqualTo("1 error occurred:\n\t* builder 1: missing 'type'\n\n");
        assertProblems(e, problem("builder 1: missing 'type'", 1, 15));
    }

    @Test
    void builderNamesMustBeUnique() {
        JsonTemplateError e = error("{\"builders\": [{\"type\": \"a\"}, {\"type\": \"b\", \"name\": \"a\"}]}");
        assertProblems(e, problem("builder 2: builder with name 'a' already exists", 1, 30));
    }

    @Test
    void builderThatIsNotAnObjectIsReported() {
        assertProblems(error("{\"builders\": [\"x\"]}"), problem("builder 1: '' expected a map, got 'string'", 1, 15));
    }

    @Test
    void nullBuilderIsReportedWherePackerCrashes() {
        assertProblems(error("{\"builders\": [null]}"), problem("builder 1: a builder must be an object, got null",
                1, 15));
    }

    @Test
    void builderFieldOfTheWrongTypeIsADecodingError() {
        assertThat(error("{\"builders\": [{\"type\": [1]}]}").message()).isEqualTo("1 error occurred:\n\t* "
                + "builder 1: 1 error(s) decoding:\n\n* 'Type' expected type 'string', got unconvertible type "
                + "'[]interface {}', value: '[1]'\n\n");
    }

    // Post-processors

    @Test
    void postProcessorsAreChainsOfNamesAndObjects() {
        JsonTemplate t = template("""
                {"post-processors": ["manifest", {"type": "compress", "output": "x"},
                  [{"type": "checksum", "keep_input_artifact": true, "only": ["b"]}, "artifice"]]}""");
        assertThat(t.postProcessors()).hasSize(3);
        assertThat(t.postProcessors().get(0).get(0).type()).isEqualTo("manifest");
        JsonTemplate.PostProcessor checksum = t.postProcessors().get(2).get(0);
        assertThat(checksum.name()).isEqualTo("checksum");
        assertThat(checksum.keepInputArtifact()).isTrue();
        assertThat(checksum.only()).containsExactly("b");
        assertThat(checksum.config().members()).isEmpty();
        assertThat(t.postProcessors().get(1).get(0).config().get("output")).isPresent();
    }

    @Test
    void postProcessorOfAnotherShapeHasABadFormat() {
        assertProblems(error("{\"post-processors\": [5]}"), problem("post-processor 1: bad format", 1, 22));
    }

    @Test
    void chainInsideAChainIsRefused() {
        assertProblems(error("{\"post-processors\": [[\"a\", [\"b\"]]]}"),
                problem("post-processor 1.2: sequence not allowed to be nested in a sequence", 1, 28));
    }

    @Test
    void chainElementOfAnotherShapeHasAnUnknownFormat() {
        assertProblems(error("{\"post-processors\": [[null]]}"), problem("post-processor 1.1: unknown format", 1, 23));
    }

    @Test
    void postProcessorWithoutTypeIsReported() {
        assertProblems(error("{\"post-processors\": [{\"keep_input_artifact\": true}]}"),
                problem("post-processor 1.1: type is required", 1, 22));
    }

    @Test
    void postProcessorFieldsAreDecodedStrictly() {
        assertThat(error("{\"post-processors\": [{\"type\": \"a\", \"keep_input_artifact\": \"true\"}]}").message())
                .contains("* post-processor 1.1: 1 error(s) decoding:\n\n* 'keep_input_artifact' expected type "
                        + "'bool', got unconvertible type 'string', value: 'true'");
    }

    // Provisioners

    @Test
    void provisionerKeepsItsConfigWithoutTheKeysPackerHandles() {
        JsonTemplate t = template("""
                {"provisioners": [{"type": "shell", "inline": ["x"], "pause_before": "1m30s", "timeout": "5s",
                  "max_retries": 3, "only": "a", "override": {"a": {"inline": ["y"]}}}]}""");
        JsonTemplate.Provisioner p = t.provisioners().get(0);
        assertThat(p.pauseBefore()).isEqualTo(Duration.ofSeconds(90));
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.maxRetries()).isEqualTo("3");
        assertThat(p.only()).containsExactly("a");
        assertThat(p.override()).containsOnlyKeys("a");
        assertThat(p.config().members()).extracting(JsonValue.Member::key).containsExactly("inline");
    }

    @Test
    void provisionerWithoutTypeIsReported() {
        JsonTemplateError e = error("{\"provisioners\": [{\"foo\": 1}]}");
        assertProblems(e, problem("provisioner 1: Provisioner missing 'type'", 1, 19));
    }

    @Test
    void provisionerThatIsNotAnObjectIsReported() {
        assertProblems(error("{\"provisioners\": [\"shell\"]}"),
                problem("provisioner 1: Error decoding provisioner: '' expected a map, got 'string'", 1, 19));
    }

    @Test
    void provisionerDurationIsParsedAsGoDoes() {
        assertProblems(error("{\"provisioners\": [{\"type\": \"shell\", \"pause_before\": \"5x\"}]}"),
                problem("provisioner 1: Error decoding provisioner: 1 error(s) decoding:\n\n* error decoding "
                        + "'pause_before': time: unknown unit \"x\" in duration \"5x\"", 1, 19));
    }

    @Test
    void overrideGivenAsAListOfObjectsIsMerged() {
        JsonTemplate t = template("{\"provisioners\": [{\"type\": \"s\", \"override\": [{\"a\": 1}, {\"b\": 2}]}]}");
        assertThat(t.provisioners().get(0).override()).containsOnlyKeys("a", "b");
    }

    @Test
    void errorCleanupProvisionerErrorsHaveTheirOwnPrefix() {
        JsonTemplateError e = error("{\"error-cleanup-provisioner\": {\"only\": [\"x\"]}}");
        assertProblems(e, problem("On Error Cleanup Provisioner error: Provisioner missing 'type'", 1, 31));
    }

    @Test
    void errorCleanupProvisionerIsParsed() {
        assertThat(template("{\"error-cleanup-provisioner\": {\"type\": \"shell-local\"}}")
                .errorCleanupProvisioner().type()).isEqualTo("shell-local");
    }

    @Test
    void errorsOfAllComponentsAreReportedTogetherInOrder() {
        JsonTemplateError e = error("""
                {"variables": {"v": 1}, "builders": [{}], "post-processors": [5], "provisioners": [{}]}""");
        assertThat(e.problems()).extracting(JsonProblem::message).containsExactly(
                "variable v: '' expected type 'string', got unconvertible type 'float64', value: '1'",
                "builder 1: missing 'type'", "post-processor 1: bad format", "provisioner 1: Provisioner missing 'type'");
        assertThat(e.message()).startsWith("4 errors occurred:\n\t* variable v:").endsWith("missing 'type'\n\n");
    }
}
