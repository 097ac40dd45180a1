package io.jenkins.plugins.packer.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state bag a builder's steps share: values by key, the build's context, and the first error (Packer's
 * {@code "error"} key) that halted the steps.
 */
public final class StepState {

    private final BuildContext build;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile String error;
    private volatile boolean halted;

    public StepState(BuildContext build) {
        this.build = build;
    }

    public BuildContext build() {
        return build;
    }

    public Ui ui() {
        return build.ui();
    }

    public void put(String key, Object value) {
        values.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) values.get(key);
    }

    /** Records the error that halts the steps and returns false, for {@code return state.fail(msg);}. */
    public boolean fail(String message) {
        error = message;
        return false;
    }

    public String error() {
        return error;
    }

    public boolean halted() {
        return halted;
    }

    void halt() {
        halted = true;
    }
}
