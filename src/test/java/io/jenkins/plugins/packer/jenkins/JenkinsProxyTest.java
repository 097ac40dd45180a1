package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jenkins' HTTP proxy as the environment variables the engine's clients read, its password masked. */
class JenkinsProxyTest {

    @Test
    void jenkinsProxyBecomesTheBuildsProxyVariables() {
        Map<String, String> env = JenkinsProxy.environment(Map.of("PATH", "/bin"), new ProxyConfiguration(
                "proxy.corp", 3128, "ci@corp", "p@ss word", "*.internal\nlocalhost|169.254.169.254"));
        assertThat(env).containsEntry("HTTPS_PROXY", "http://ci%40corp:p%40ss%20word@proxy.corp:3128")
                .containsEntry("HTTP_PROXY", "http://ci%40corp:p%40ss%20word@proxy.corp:3128")
                .containsEntry("NO_PROXY", ".internal,localhost,169.254.169.254").containsEntry("PATH", "/bin");
        assertThat(Secrets.proxyPasswords(env)).contains("p%40ss%20word", "p@ss word");

    }

    @Test
    void theStepsOwnProxyComesFirst() {
        Map<String, String> own = Map.of("HTTPS_PROXY", "http://own:8080");
        assertThat(JenkinsProxy.environment(own, new ProxyConfiguration("proxy.corp", 3128, null, null, null)))
                .isEqualTo(own);
        assertThat(JenkinsProxy.environment(Map.of(), new ProxyConfiguration("proxy.corp", 3128, "", null, "")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("HTTPS_PROXY", "http://proxy.corp:3128",
                        "HTTP_PROXY", "http://proxy.corp:3128"));
        assertThat(JenkinsProxy.environment(Map.of("A", "b"), null)).isEqualTo(Map.of("A", "b"));
        assertThat(JenkinsProxy.environment(Map.of("A", "b"))).as("no Jenkins runs here")
                .isEqualTo(Map.of("A", "b"));
    }
}
