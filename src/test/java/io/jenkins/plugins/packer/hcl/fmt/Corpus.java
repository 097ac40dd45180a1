package io.jenkins.plugins.packer.hcl.fmt;

import io.jenkins.plugins.packer.SharedCorpus;
import java.nio.file.Path;

/** Where the shared conformance corpus lives: set by surefire, else beside the repository as checked out. */
final class Corpus {

    static final Path DIR = SharedCorpus.dir();

    private Corpus() {
    }
}
