package io.jenkins.plugins.packer.datasource.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.packer.builder.amazon.common.AwsAccess;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.DataSource;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The {@code amazon-secretsmanager} data source: a secret's {@code value} (the whole string, or the {@code key} of
 * its JSON), {@code secret_string}, {@code secret_binary} and {@code version_id}. The values are sensitive: masked
 * wherever they are printed. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/data-source/secretsmanager">
 * amazon-secretsmanager</a>.
 */
public final class AmazonSecretsManagerDataSource implements DataSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() {
        return "amazon-secretsmanager";
    }

    @Override
    public Type outputType() {
        return Type.object(Map.of("value", Type.STRING, "secret_string", Type.STRING, "secret_binary", Type.STRING,
                "version_id", Type.STRING));
    }

    @Override
    public io.jenkins.plugins.packer.component.Prepared configure(ComponentConfig c) {
        return AmazonDataSourceChecks.configure(c, "name", "a 'name' must be provided");
    }

    @Override
    public Value execute(ComponentConfig c, Map<String, String> env, Path workDir) throws Failure {
        String name = c.string("name");
        GetSecretValueResponse r;
        try (AwsAccess access = AwsAccess.of(c, env); SecretsManagerClient sm = access.secretsManager()) {
            r = sm.getSecretValue(b -> {
                b.secretId(name);
                if (!c.string("version_id").isEmpty()) {
                    b.versionId(c.string("version_id"));
                }
                b.versionStage(c.string("version_stage").isEmpty() ? "AWSCURRENT" : c.string("version_stage"));
            });
        } catch (SdkException e) {
            throw new Failure("Error getting secret: " + Ec2.error(e));
        }
        String text = r.secretString() == null ? "" : r.secretString();
        String binary = r.secretBinary() == null ? ""
                : Base64.getEncoder().encodeToString(r.secretBinary().asByteArray());
        return Value.object(outputs(name, c.string("key"), text, binary, r.versionId()));
    }

    /** The outputs of a secret; with a {@code key}, the value is that key's in the secret's JSON. */
    static Map<String, Value> outputs(String name, String key, String text, String binary, String versionId)
            throws Failure {
        String value = text;
        if (!key.isEmpty()) {
            try {
                JsonNode node = JSON.readTree(text);
                JsonNode v = node == null ? null : node.get(key);
                if (v == null) {
                    throw new Failure("No secret found for key \"" + key + "\" in secret " + name);
                }
                value = v.isTextual() ? v.asText() : v.toString();
            } catch (IOException e) {
                throw new Failure("The secret " + name + " is not a JSON object: its key \"" + key
                        + "\" cannot be read");
            }
        }
        Map<String, Value> out = new TreeMap<>();
        out.put("value", Value.string(value).mark(Mark.SENSITIVE));
        out.put("secret_string", Value.string(text).mark(Mark.SENSITIVE));
        out.put("secret_binary", Value.string(binary).mark(Mark.SENSITIVE));
        out.put("version_id", Value.string(versionId == null ? "" : versionId));
        return out;
    }
}
