package io.jenkins.plugins.packer.jenkins;

import java.util.List;
import java.util.Map;

/** The arguments of a build, as the Pipeline step and the freestyle builder both take them. */
interface BuildArguments {

    String getTemplate();

    Map<String, Object> getVars();

    List<String> getVarFiles();

    String getOnly();

    String getExcept();

    String getOnError();

    int getParallelBuilds();

    boolean isForce();

    boolean isTimestampUi();

    boolean isColor();

    /** Whether the manifests are archived on the run. */
    boolean isArchive();

    /** Whether the artifacts' files are archived too. */
    boolean isArchiveArtifacts();

    /** The most the archived artifact files may weigh together, in MB. */
    int getArchiveLimitMegabytes();
}
