package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Mirrors jenkins-core {@code jenkins.model.RunAction2}: an action told of the run it is attached to or loaded with. */
public interface RunAction2 extends Action {

    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
