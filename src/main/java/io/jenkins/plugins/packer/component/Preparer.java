package io.jenkins.plugins.packer.component;

/**
 * The checks one component type makes once its configuration is decoded: Packer's builder {@code Prepare},
 * provisioner {@code Prepare} or post-processor {@code Configure}. Implementations are found with
 * {@link java.util.ServiceLoader} and must have a public no-argument constructor.
 */
public interface Preparer {

    /** {@code builder}, {@code provisioner} or {@code post-processor}. */
    String kind();

    /** The type name templates use, such as {@code amazon-ebs} or {@code shell}. */
    String type();

    Prepared prepare(ComponentConfig config, PrepareContext ctx);

    /**
     * The options Packer does not render as Go templates when it prepares the component, because the component
     * renders them itself later with data of its own ({@code execute_command} with {@code .Vars} and {@code .Path}).
     */
    default java.util.List<String> renderExcluded() {
        return java.util.List.of();
    }

    /**
     * What the component puts before the errors of decoding its configuration (unknown options, values that do not
     * render): Packer's shell-local provisioner and post-processor say {@code Error decoding config: }, the others
     * nothing.
     */
    default String decodeErrorPrefix() {
        return "";
    }
}
