package io.jenkins.plugins.packer.jenkins;

import java.util.List;
import java.util.Map;

/** The arguments of a build, as the Pipeline step and the freestyle builder both take them. */
interface BuildArguments {

    String getTemplate();

    /** The variables as a map (a Pipeline's {@code vars}); null when none. */
    Map<String, Object> getVars();

    /** The variables as {@code name=value} lines (a form's); null or empty when none. */
    String getVariables();

    /** The var-files as a list (a Pipeline's {@code varFiles}); null when none. */
    List<String> getVarFiles();

    /** The var-files, one per line (a form's); null or empty when none. */
    String getVariableFiles();

    String getOnly();

    String getExcept();

    String getOnError();

    int getParallelBuilds();

    boolean isForce();

    boolean isTimestampUi();

    boolean isColor();

    /** Whether Packer's debug log ({@code PACKER_LOG}) is written and archived with the run. */
    boolean isDebugLog();

    /** Whether the manifests are archived on the run. */
    boolean isArchive();

    /** Whether the artifacts' files are archived too. */
    boolean isArchiveArtifacts();

    /** The most the archived artifact files may weigh together, in MB. */
    int getArchiveLimitMegabytes();
}
