package io.jenkins.plugins.packer.run;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Replaces every registered secret value with {@code <sensitive>} in text the run prints, as Packer's UI filter
 * does. Longer secrets are replaced first so that a secret containing another is masked whole.
 */
public final class SecretMasker {

    public static final String MASK = "<sensitive>";

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    /**
     * Registers a secret; empty values are ignored (they would mask everything). Each line of a multi-line secret (a
     * private key) is masked on its own too, since commands print it line by line.
     */
    public void add(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        secrets.add(secret);
        if (secret.indexOf('\n') >= 0) {
            for (String line : secret.split("\r?\n")) {
                if (line.strip().length() >= 8) {
                    secrets.add(line.strip());
                }
            }
        }
    }

    public String mask(String text) {
        if (secrets.isEmpty() || text == null) {
            return text;
        }
        List<String> ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String out = text;
        for (String s : ordered) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
