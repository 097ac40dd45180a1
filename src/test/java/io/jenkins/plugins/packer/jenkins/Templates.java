package io.jenkins.plugins.packer.jenkins;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test templates under src/test/resources, each written for the behaviour a test names. */
final class Templates {

    private Templates() {
    }

    static Path path(String name) {
        try {
            return Path.of(Templates.class.getResource("templates/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
