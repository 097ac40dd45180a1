package hudson.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mirrors jenkins-core {@code hudson.model.Actionable}, a superclass of {@link Run}: the actions attached to it. The
 * stand-in keeps them in a list so that tests can read what a step attached.
 */
public abstract class Actionable extends AbstractModelObject {

    private volatile CopyOnWriteArrayList<Action> actions = new CopyOnWriteArrayList<>();

    /**
     * Attaches {@code a} in place of the attached actions of its class (an equal one stays); true when the actions
     * changed.
     */
    public boolean addOrReplaceAction(Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        boolean kept = actions.contains(a);
        boolean removed = actions.removeIf(x -> x.getClass() == a.getClass() && !x.equals(a));
        if (!kept) {
            actions.add(a);
        }
        return removed || !kept;
    }

    /** Attaches {@code a} beside the attached actions. */
    public void addAction(Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        actions.add(a);
    }

    /** The first attached action of {@code type}, or null. */
    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
