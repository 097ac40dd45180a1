package io.jenkins.plugins.packer.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.packer.value.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ComponentSpecsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every spec resource, shared parts included, as kind/name. */
    static Stream<String> specFiles() throws IOException, URISyntaxException {
        Path root = Path.of(ConfigSpec.class.getResource("spec").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/').replaceAll("\\.json$", ""))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("specFiles")
    void everySpecFileLoadsWithParsedTypes(String file) {
        String[] kindName = file.split("/", 2);
        ConfigSpec spec = ConfigSpec.load(kindName[0], kindName[1]);

        assertThat(spec.attributes().size() + spec.blocks().size()).isPositive();
        allAttributes(spec).forEach(a -> assertThat(a.type()).as(file + " " + a.name()).isNotNull());
    }

    @ParameterizedTest
    @MethodSource("specFiles")
    void requiredOptionsAreOptionsOfTheSpec(String file) {
        String[] kindName = file.split("/", 2);
        assertRequiredDeclared(file, ConfigSpec.load(kindName[0], kindName[1]));
    }

    @ParameterizedTest
    @MethodSource("specFiles")
    void noOptionIsDeclaredTwiceAcrossIncludes(String file) {
        // An include and the including file naming the same option would silently override one another; the
        // generated specs are flat maps, so a name can only come from one place.
        Map<String, String> seen = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        collectNames(read(file), file, seen, clashes);

        assertThat(clashes).as(file).isEmpty();
    }

    @Test
    void theRegistryServesEveryComponentWeShip() {
        assertThat(ComponentSpecs.builders()).containsExactly("amazon-chroot", "amazon-ebs", "amazon-ebssurrogate",
                "amazon-ebsvolume", "amazon-instance", "docker", "file", "null");
        assertThat(ComponentSpecs.provisioners()).containsExactly("ansible", "ansible-local", "breakpoint", "file",
                "puppet-masterless", "salt-masterless", "shell", "shell-local");
        assertThat(ComponentSpecs.postProcessors())
                .containsExactly("artifice", "checksum", "compress", "docker-import", "docker-push", "docker-save",
                        "docker-tag", "manifest", "shell-local", "vagrant");
        assertThat(ComponentSpecs.dataSources())
                .containsExactly("amazon-ami", "amazon-parameterstore", "amazon-secretsmanager", "null");
    }

    @Test
    void eachKindHasItsOwnSpecForTheSameTypeName() {
        assertThat(ComponentSpecs.builder("file").attributes()).containsKeys("target", "content", "source");
        assertThat(ComponentSpecs.provisioner("file").attributes()).containsKeys("destination", "direction");
    }

    @Test
    void unknownTypesHaveNoSpec() {
        assertThat(ComponentSpecs.builder("vmware-iso")).isNull();
        assertThat(ComponentSpecs.provisioner("chef-solo")).isNull();
        assertThat(ComponentSpecs.postProcessor("vagrant-cloud")).isNull();
        assertThat(ComponentSpecs.dataSource("http")).isNull();
        assertThat(ComponentSpecs.builder(null)).isNull();
        // A type of another kind is not found under this one.
        assertThat(ComponentSpecs.builder("shell")).isNull();
    }

    @Test
    void theListsCannotBeChanged() {
        assertThat(ComponentSpecs.builders()).isUnmodifiable();
        assertThat(ComponentSpecs.dataSources()).isUnmodifiable();
    }

    @Test
    void amazonEbsHasEveryOptionOfItsGeneratedSpec() {
        // builder/ebs/builder.hcl2spec.go at packer-plugin-amazon 5028903a: 135 attributes and 21 blocks.
        ConfigSpec ebs = ComponentSpecs.builder("amazon-ebs");

        assertThat(ebs.attributes()).hasSize(135);
        assertThat(ebs.blocks()).hasSize(21);
    }

    @Test
    void typesAreTheGeneratedSpecsCtyTypes() {
        ConfigSpec ebs = ComponentSpecs.builder("amazon-ebs");

        assertThat(ebs.attributes().get("ami_name").type()).isEqualTo(Type.STRING);
        assertThat(ebs.attributes().get("ssh_port").type()).isEqualTo(Type.NUMBER);
        assertThat(ebs.attributes().get("encrypt_boot").type()).isEqualTo(Type.BOOL);
        assertThat(ebs.attributes().get("tags").type()).isEqualTo(Type.map(Type.STRING));
        assertThat(ebs.attributes().get("ami_regions").type()).isEqualTo(Type.list(Type.STRING));
        // []byte fields become lists of numbers in packer-sdc's output.
        assertThat(ebs.attributes().get("ssh_public_key").type()).isEqualTo(Type.list(Type.NUMBER));
        assertThat(ComponentSpecs.builder("amazon-chroot").attributes().get("chroot_mounts").type())
                .isEqualTo(Type.list(Type.list(Type.STRING)));
        assertThat(ComponentSpecs.provisioner("shell").attributes().get("valid_exit_codes").type())
                .isEqualTo(Type.list(Type.NUMBER));
    }

    @Test
    void blocksKeepTheirNestingAndListness() {
        ConfigSpec ebs = ComponentSpecs.builder("amazon-ebs");

        ConfigSpec.Nested launch = ebs.blocks().get("launch_block_device_mappings");
        assertThat(launch.list()).isTrue();
        assertThat(launch.spec().attributes()).containsKeys("device_name", "volume_size", "throughput");
        assertThat(launch.spec().required()).containsExactly("device_name");
        ConfigSpec.Nested filter = ebs.blocks().get("source_ami_filter");
        assertThat(filter.list()).isFalse();
        assertThat(filter.spec().attributes()).containsOnlyKeys("filters", "owners", "most_recent",
                "include_deprecated");
        ConfigSpec.Nested policy = ebs.blocks().get("temporary_iam_instance_profile_policy_document");
        assertThat(policy.spec().blocks().get("Statement").list()).isTrue();
        assertThat(policy.spec().blocks().get("Statement").spec().attributes())
                .containsOnlyKeys("Effect", "Action", "Resource");
    }

    @Test
    void everyComponentCarriesPackersInjectedOptions() {
        List<ConfigSpec> all = new ArrayList<>();
        ComponentSpecs.builders().forEach(t -> all.add(ComponentSpecs.builder(t)));
        ComponentSpecs.provisioners().forEach(t -> all.add(ComponentSpecs.provisioner(t)));
        ComponentSpecs.postProcessors().forEach(t -> all.add(ComponentSpecs.postProcessor(t)));
        ComponentSpecs.dataSources().forEach(t -> all.add(ComponentSpecs.dataSource(t)));

        assertThat(all).hasSize(30).allSatisfy(spec -> assertThat(spec.attributes()).containsKeys(
                "packer_build_name", "packer_builder_type", "packer_core_version", "packer_debug", "packer_force",
                "packer_on_error", "packer_user_variables", "packer_sensitive_variables"));
    }

    @Test
    void requiredOptionsAreThoseEveryPrepareRejectsWhenAbsent() {
        assertThat(ComponentSpecs.builder("amazon-ebs").required()).containsExactly("ami_name");
        assertThat(ComponentSpecs.builder("amazon-ebssurrogate").required())
                .containsExactlyInAnyOrder("ami_name", "ami_virtualization_type", "ami_root_device");
        assertThat(ComponentSpecs.builder("amazon-instance").required()).containsExactlyInAnyOrder("ami_name",
                "account_id", "s3_bucket", "x509_cert_path", "x509_key_path");
        // Credentials and region may come from the environment, a profile or instance metadata.
        assertThat(ComponentSpecs.builder("amazon-ebsvolume").required()).isEmpty();
        assertThat(ComponentSpecs.builder("null").required()).isEmpty();
        assertThat(ComponentSpecs.builder("file").required()).containsExactly("target");
        assertThat(ComponentSpecs.provisioner("file").required()).containsExactly("destination");
        assertThat(ComponentSpecs.provisioner("shell").required()).isEmpty();
        assertThat(ComponentSpecs.postProcessor("artifice").required()).containsExactly("files");
        assertThat(ComponentSpecs.dataSource("amazon-ami").required()).containsExactlyInAnyOrder("filters", "owners");
        assertThat(ComponentSpecs.dataSource("amazon-secretsmanager").required()).containsExactly("name");
    }

    @Test
    void deprecatedOptionsCarryPackersReason() {
        ConfigSpec ebs = ComponentSpecs.builder("amazon-ebs");

        assertThat(ebs.attributes().get("enable_t2_unlimited").deprecated())
                .startsWith("enable_t2_unlimited is deprecated please use enable_unlimited_credits.");
        assertThat(ebs.attributes().get("tenancy").deprecated()).isEqualTo("Deprecated: Use Placement Tenancy instead.");
        assertThat(ebs.attributes().get("ssh_wait_timeout").deprecated()).contains("ssh_timeout");
        assertThat(ebs.attributes().get("ami_name").deprecated()).isNull();
        assertThat(ComponentSpecs.builder("null").attributes().get("ssh_wait_timeout").deprecated()).isNotNull();
    }

    private static List<ConfigSpec.Attr> allAttributes(ConfigSpec spec) {
        List<ConfigSpec.Attr> out = new ArrayList<>(spec.attributes().values());
        spec.blocks().values().forEach(n -> out.addAll(allAttributes(n.spec())));
        return out;
    }

    private static void assertRequiredDeclared(String where, ConfigSpec spec) {
        assertThat(spec.required()).as(where).allSatisfy(r -> assertThat(
                spec.attributes().containsKey(r) || spec.blocks().containsKey(r)).as(where + " " + r).isTrue());
        spec.blocks().values().forEach(n -> assertRequiredDeclared(where + "/" + n.name(), n.spec()));
    }

    private static void collectNames(JsonNode node, String where, Map<String, String> seen, List<String> clashes) {
        for (JsonNode inc : node.path("include")) {
            collectNames(read(inc.asText()), inc.asText(), seen, clashes);
        }
        node.path("attributes").fieldNames().forEachRemaining(n -> note(n, where, seen, clashes));
        node.path("blocks").fieldNames().forEachRemaining(n -> note(n, where, seen, clashes));
        // Nested blocks are separate namespaces; check each on its own.
        node.path("blocks").fields().forEachRemaining(e -> {
            List<String> nested = new ArrayList<>();
            collectNames(e.getValue(), where + "/" + e.getKey(), new HashMap<>(), nested);
            clashes.addAll(nested);
        });
    }

    private static void note(String name, String where, Map<String, String> seen, List<String> clashes) {
        String before = seen.putIfAbsent(name, where);
        if (before != null) {
            clashes.add(name + " in " + before + " and " + where);
        }
    }

    private static JsonNode read(String file) {
        try (InputStream in = ConfigSpec.class.getResourceAsStream("spec/" + file + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
