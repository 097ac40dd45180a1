package io.jenkins.plugins.packer.datasource.amazon;

import io.jenkins.plugins.packer.builder.amazon.common.AwsAccess;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.DataSource;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The {@code amazon-parameterstore} data source: an SSM parameter's {@code value}, {@code version} and {@code arn}.
 * A {@code SecureString}'s value is sensitive: masked wherever it is printed. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/data-source/parameterstore">
 * amazon-parameterstore</a>.
 */
public final class AmazonParameterStoreDataSource implements DataSource {

    @Override
    public String type() {
        return "amazon-parameterstore";
    }

    @Override
    public Type outputType() {
        return Type.object(Map.of("value", Type.STRING, "version", Type.STRING, "arn", Type.STRING));
    }

    @Override
    public io.jenkins.plugins.packer.component.Prepared configure(ComponentConfig c) {
        return AmazonDataSourceChecks.configure(c, "name", "a 'name' must be provided");
    }

    @Override
    public Value execute(ComponentConfig c, Map<String, String> env, Path workDir) throws Failure {
        Parameter p;
        try (AwsAccess access = AwsAccess.of(c, env); SsmClient ssm = access.ssm()) {
            p = ssm.getParameter(b -> b.name(c.string("name")).withDecryption(c.bool("with_decryption")))
                    .parameter();
        } catch (SdkException e) {
            throw new Failure(Ec2.error(e));
        }
        Value value = Value.string(p.value() == null ? "" : p.value());
        Map<String, Value> out = new TreeMap<>();
        out.put("value", p.type() == ParameterType.SECURE_STRING ? value.mark(Mark.SENSITIVE) : value);
        out.put("version", Value.string(Long.toString(p.version() == null ? 0 : p.version())));
        out.put("arn", Value.string(p.arn() == null ? "" : p.arn()));
        return Value.object(out);
    }
}
