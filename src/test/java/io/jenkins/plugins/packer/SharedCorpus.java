package io.jenkins.plugins.packer;

import java.nio.file.Path;

/** Where the shared template corpus is: {@code corpus.dir} (set by the build), else {@code ../shared/corpus}. */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("corpus.dir", "../shared/corpus")).toAbsolutePath().normalize();
    }
}
