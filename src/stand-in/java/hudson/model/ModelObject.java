package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.ModelObject}: an object with a name shown to users. */
public interface ModelObject {

    String getDisplayName();
}
