package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Job}: a project, as the type bound of {@link Run}. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
}
