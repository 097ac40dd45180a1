package io.jenkins.plugins.packer.hcl.fmt;

import java.nio.file.Path;

/** Where the shared conformance corpus lives: set by surefire, else beside the repository as checked out. */
final class Corpus {

    static final Path DIR = Path.of(System.getProperty("corpus.dir", "../../shared/corpus")).toAbsolutePath()
            .normalize();

    private Corpus() {
    }
}
