package io.jenkins.plugins.packer.jenkins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secrets a build gets from Jenkins credentials (AWS keys, the access key id among them, an SSH key and its
 * passphrase) in every form a build may print them, as credentials-binding masks them: as they are, base64-encoded
 * (user data, a {@code base64encode}), and quoted as a shell quotes them ({@code set -x}, an {@code env} dump). The
 * run masks them wherever it prints, and in the builds' errors that the step returns and fails with.
 */
final class Secrets {

    private Secrets() {
    }

    /** The forms of {@code secret} to mask (a short one as it is only); none for an empty one. */
    static List<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        if (secret == null || secret.isEmpty()) {
            return List.of();
        }
        forms.add(secret);
        if (secret.length() < 8) {
            // The encodings of a few characters are everyday text ("YQ"): masking them would hide the log, not a secret.
            return new ArrayList<>(forms);
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        // Bourne shells quote what needs it in single quotes, closing them around each one of its own: 'a'\''b'.
        forms.add("'" + secret.replace("'", "'\\''") + "'");
        forms.add(secret.replace("'", "'\\''"));
        forms.add("\"" + secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
                .replace("`", "\\`") + "\"");
        return new ArrayList<>(forms);
    }

    /**
     * The passwords in the proxy URLs of {@code env} ({@code http://user:password@host:port}), as written there (URL
     * encoded) and decoded, in their forms.
     */
    static List<String> proxyPasswords(java.util.Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String name : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}) {
            String url = env.getOrDefault(name, "");
            int at = url.lastIndexOf('@');
            int scheme = url.indexOf("://");
            int colon = at < 0 ? -1 : url.indexOf(':', scheme < 0 ? 0 : scheme + 3);
            if (colon < 0 || colon > at) {
                continue;
            }
            String written = url.substring(colon + 1, at);
            out.addAll(forms(written));
            out.addAll(forms(java.net.URLDecoder.decode(written, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
