package hudson.model;

import java.io.IOException;

/** Mirrors jenkins-core {@code hudson.model.FingerprintMap}: the controller's fingerprints by MD5 digest. */
public final class FingerprintMap {

    public Fingerprint getOrCreate(Run build, String fileName, String md5sum) throws IOException {
        throw new IllegalStateException("Jenkins API stand-in: no Jenkins runs here");
    }
}
