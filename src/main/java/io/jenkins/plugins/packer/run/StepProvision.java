package io.jenkins.plugins.packer.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The step every builder runs once the machine is reachable: the provisioners, through the build's hook, with the
 * values the builder generated; after a failure its cleanup runs the error-cleanup provisioner. The generated data
 * is Packer's provision hook data: {@code ID} from the {@code instance_id} the builder recorded, the run's id, the
 * HTTP server's address (or Packer's "not implemented" markers) and the communicator's connection values.
 */
public final class StepProvision implements Step {

    /** State keys builders fill in. */
    public static final String INSTANCE_ID = "instance_id";
    public static final String COMMUNICATOR = "communicator";
    public static final String CONNECTION = "connection_data";
    public static final String HOOK = "hook";
    public static final String GENERATED_DATA = "generated_data";
    /** The values a builder adds to {@code build.*} ({@code SourceAMI}…), as a {@code Map<String, String>}. */
    public static final String BUILDER_DATA = "builder_generated_data";

    @Override
    public String name() {
        return StepRunner.PROVISION_STEP;
    }

    @Override
    public boolean run(StepState state) {
        Builder.Hook hook = state.get(HOOK);
        Map<String, String> data = hookData(state);
        state.put(GENERATED_DATA, data);
        try {
            hook.provision(state.get(COMMUNICATOR), data);
            return true;
        } catch (BuildFailure e) {
            if (state.build().cancellation().isCancelled()) {
                return false;
            }
            return state.fail(e.getMessage());
        }
    }

    @Override
    public void cleanup(StepState state) {
        if (state.error() == null) {
            return;
        }
        state.ui().say("Provisioning step had errors: Running the cleanup provisioner, if present...");
        Builder.Hook hook = state.get(HOOK);
        hook.errorCleanup(state.get(COMMUNICATOR), hookData(state));
    }

    static Map<String, String> hookData(StepState state) {
        Map<String, String> data = new LinkedHashMap<>();
        Object id = state.get(INSTANCE_ID);
        data.put("ID", id == null ? "ERR_ID_NOT_IMPLEMENTED_BY_BUILDER" : id.toString());
        data.put("PackerRunUUID", state.build().runUuid());
        data.put("PackerHTTPIP", "ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER");
        data.put("PackerHTTPPort", "ERR_HTTP_PORT_NOT_IMPLEMENTED_BY_BUILDER");
        data.put("PackerHTTPAddr", "ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER");
        Map<String, String> builderData = state.get(BUILDER_DATA);
        if (builderData != null) {
            data.putAll(builderData);
        }
        Map<String, String> connection = state.get(CONNECTION);
        if (connection != null) {
            data.putAll(connection);
        }
        return data;
    }
}
