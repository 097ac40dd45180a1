package io.jenkins.plugins.packer.docker;

import io.jenkins.plugins.packer.builder.amazon.common.AwsAccess;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ecr_login}: the user name and password of an Amazon ECR registry, from ECR's GetAuthorizationToken with the
 * component's {@code aws_access_key}/{@code aws_secret_key}/{@code aws_token}/{@code aws_profile} or, without them,
 * the run's AWS credentials (the Jenkins credentials of the step, the environment, the instance's role). The
 * password is masked in the build's output from then on.
 */
public final class EcrLogin {

    private static final Pattern URL =
            Pattern.compile("(?:http://|https://|)([0-9]*)\\.dkr\\.ecr\\.(.*)\\.amazonaws\\.com.*");

    /** A registry login. */
    public record Login(String username, String password) {}

    /** ECR could not be asked, or said no; the message is the build's error. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }
    }

    private EcrLogin() {
    }

    /** The login of the ECR registry {@code server} ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com}). */
    public static Login fetch(BuildContext ctx, ComponentConfig c, String server) throws Failure {
        Matcher m = URL.matcher(server);
        if (!m.matches()) {
            throw new Failure("Failed to parse the ECR URL: " + server + " it should be on the form <account number>"
                    + ".dkr.ecr.<region>.amazonaws.com");
        }
        String account = m.group(1);
        Map<String, Value> options = new LinkedHashMap<>();
        options.put("region", Value.string(m.group(2)));
        options.put("access_key", Value.string(c.string("aws_access_key")));
        options.put("secret_key", Value.string(c.string("aws_secret_key")));
        options.put("token", Value.string(c.string("aws_token")));
        options.put("profile", Value.string(c.string("aws_profile")));
        // The rest of what an Amazon source's access reads, unset: the defaults.
        for (String unset : new String[] {"shared_credentials_file", "custom_endpoint_ec2", "aws_polling",
                "assume_role", "max_retries", "insecure_skip_tls_verify", "skip_metadata_api_check"}) {
            options.put(unset, Value.nullOf(io.jenkins.plugins.packer.value.Type.DYNAMIC));
        }
        try (AwsAccess access = AwsAccess.of(new ComponentConfig(Value.object(options)), ctx.env(),
                ctx.awsCredentials());
             var ecr = access.ecr()) {
            var data = ecr.getAuthorizationToken(r -> r.registryIds(account)).authorizationData();
            if (data.isEmpty()) {
                throw new Failure("Error fetching ECR credentials: no authorization data for " + account);
            }
            String decoded = new String(Base64.getDecoder().decode(data.get(0).authorizationToken()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new Failure("Error fetching ECR credentials: the authorization token is not user:password");
            }
            Login login = new Login(decoded.substring(0, colon), decoded.substring(colon + 1));
            ctx.masker().add(login.password());
            return login;
        } catch (RuntimeException e) {
            throw new Failure("Error fetching ECR credentials: " + e.getMessage());
        }
    }
}
