package hudson.model;

/**
 * Mirrors jenkins-core {@code hudson.model.Action}: something attached to a model object (a run), with a side panel
 * link when its icon and URL name are not null.
 */
public interface Action extends ModelObject {

    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
