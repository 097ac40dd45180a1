package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Fingerprint}: where a file (by its MD5 digest) was made and used. */
public class Fingerprint implements ModelObject {

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("Jenkins API stand-in: no Jenkins runs here");
    }
}
