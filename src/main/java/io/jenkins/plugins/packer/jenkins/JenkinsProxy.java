package io.jenkins.plugins.packer.jenkins;

import hudson.ProxyConfiguration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * Jenkins' own proxy (Manage Jenkins › System, HTTP Proxy Configuration) for the work a step sends to an agent: as
 * {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY}, which the engine's AWS and check-IP clients read,
 * unless the step's environment names a proxy of its own.
 */
final class JenkinsProxy {

    private JenkinsProxy() {
    }

    /** {@code env} with Jenkins' proxy where it names none; {@code env} itself when Jenkins has none. */
    static Map<String, String> environment(Map<String, String> env) {
        Jenkins j = Jenkins.getInstanceOrNull();
        return environment(env, j == null ? null : j.getProxy());
    }

    static Map<String, String> environment(Map<String, String> env, ProxyConfiguration proxy) {
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return env;
        }
        for (String name : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}) {
            if (!env.getOrDefault(name, "").isEmpty()) {
                return env;
            }
        }
        String user = proxy.getUserName() == null || proxy.getUserName().isEmpty() ? ""
                : encode(proxy.getUserName()) + (proxy.getSecretPassword() == null ? "" : ":"
                + encode(proxy.getSecretPassword().getPlainText())) + "@";
        String url = "http://" + user + proxy.getName().strip() + ":" + proxy.getPort();
        Map<String, String> with = new LinkedHashMap<>(env);
        with.put("HTTPS_PROXY", url);
        with.put("HTTP_PROXY", url);
        String noProxy = noProxy(proxy.getNoProxyHost());
        if (!noProxy.isEmpty() && env.getOrDefault("NO_PROXY", env.getOrDefault("no_proxy", "")).isEmpty()) {
            with.put("NO_PROXY", noProxy);
        }
        return with;
    }

    /**
     * Jenkins' "No Proxy Host" patterns (one per line, or separated by commas, spaces or bars; {@code *.example.com}
     * a domain's hosts) as {@code NO_PROXY} writes them ({@code .example.com}).
     */
    static String noProxy(String patterns) {
        if (patterns == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String p : patterns.strip().split("[ \t\n,|]+")) {
            if (p.isEmpty()) {
                continue;
            }
            String entry = p.startsWith("*.") ? p.substring(1) : p;
            sb.append(sb.length() == 0 ? "" : ",").append(entry);
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
