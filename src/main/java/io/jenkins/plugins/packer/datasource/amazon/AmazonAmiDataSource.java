package io.jenkins.plugins.packer.datasource.amazon;

import io.jenkins.plugins.packer.builder.amazon.common.AwsAccess;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.DataSource;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * The {@code amazon-ami} data source: the AMI that {@code filters} and {@code owners} find (the newest with
 * {@code most_recent}), as {@code id}, {@code name}, {@code creation_date}, {@code owner}, {@code owner_name} and
 * {@code tags}. See <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/data-source/ami">
 * amazon-ami</a>.
 */
public final class AmazonAmiDataSource implements DataSource {

    @Override
    public String type() {
        return "amazon-ami";
    }

    @Override
    public Type outputType() {
        return Type.object(Map.of("id", Type.STRING, "name", Type.STRING, "creation_date", Type.STRING,
                "owner", Type.STRING, "owner_name", Type.STRING, "tags", Type.map(Type.STRING)));
    }

    @Override
    public io.jenkins.plugins.packer.component.Prepared configure(ComponentConfig c) {
        return AmazonDataSourceChecks.configure(c, "filters", "The `filters` must be specified", "owners", "For security reasons, you must declare an owner.");
    }

    @Override
    public Value execute(ComponentConfig c, Map<String, String> env, Path workDir) throws Failure {
        List<Filter> filters = new ArrayList<>();
        c.stringMap("filters").forEach((k, v) -> filters.add(Filter.builder().name(k).values(v).build()));
        List<Image> images;
        try (AwsAccess access = AwsAccess.of(c, env); Ec2Client ec2 = access.ec2(access.region())) {
            images = ec2.describeImages(b -> {
                b.filters(filters).owners(c.stringList("owners"));
                if (c.bool("include_deprecated")) {
                    b.includeDeprecated(true);
                }
            }).images();
        } catch (SdkException e) {
            throw new Failure("Error querying AMI: " + Ec2.error(e));
        }
        if (images.isEmpty()) {
            throw new Failure("No AMI was found matching filters: " + filters.stream()
                    .map(f -> f.name() + "=" + f.values()).toList() + " owners " + c.stringList("owners"));
        }
        if (images.size() > 1 && !c.bool("most_recent")) {
            throw new Failure("Your query returned more than one result. Please try a more specific search, or set"
                    + " most_recent to true.");
        }
        Image image = images.stream().max(Comparator.comparing(i -> i.creationDate() == null ? ""
                : i.creationDate())).orElseThrow();
        Map<String, Value> tags = new TreeMap<>();
        image.tags().forEach(t -> tags.put(t.key(), Value.string(t.value())));
        Map<String, Value> out = new TreeMap<>();
        out.put("id", Value.string(image.imageId()));
        out.put("name", Value.string(nz(image.name())));
        out.put("creation_date", Value.string(nz(image.creationDate())));
        out.put("owner", Value.string(nz(image.ownerId())));
        out.put("owner_name", Value.string(nz(image.imageOwnerAlias())));
        out.put("tags", tags.isEmpty() ? Value.emptyMap(Type.STRING) : Value.map(tags));
        return Value.object(out);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
