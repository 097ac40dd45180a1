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
    /** The secrets, longest first, as {@link #mask} applies them (rebuilt when one is added). */
    private volatile List<String> ordered = List.of();

    /**
     * Registers a secret; empty values are ignored (they would mask everything). Each line of a multi-line secret (a
     * private key) is masked on its own too, since commands print it line by line.
     */
    public synchronized void add(String secret) {
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
        ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String mask(String text) {
        List<String> all = ordered;
        if (all.isEmpty() || text == null) {
            return text;
        }
        String out = text;
        for (String s : all) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
