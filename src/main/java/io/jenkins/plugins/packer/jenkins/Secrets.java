package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.run.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets a build gets from Jenkins credentials (AWS keys, the access key id among them, an SSH key and its
 * passphrase) in every form a build may print them, as credentials-binding masks them: as they are, base64-encoded
 * (user data, a {@code base64encode}), and quoted as a shell quotes them ({@code set -x}, an {@code env} dump); and
 * masked in what the step returns and fails with, not only in the log.
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

    /** The outcome with every secret form masked in its result map and its failure message. */
    static BuildOutcome masked(BuildOutcome o, List<String> secrets) {
        SecretMasker masker = new SecretMasker();
        secrets.forEach(masker::add);
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> result = (LinkedHashMap<String, Object>) mask(o.result(), masker);
        return new BuildOutcome(o.exitCode(), o.cancelled(), result, o.manifests(), o.files(),
                masker.mask(o.failureMessage()));
    }

    private static Object mask(Object value, SecretMasker masker) {
        if (value instanceof String s) {
            return masker.mask(s);
        }
        if (value instanceof Map<?, ?> m) {
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, mask(v, masker)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(mask(v, masker)));
            return out;
        }
        return value;
    }
}
