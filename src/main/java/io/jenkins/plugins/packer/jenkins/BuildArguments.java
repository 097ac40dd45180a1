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

    boolean isArchive();
}
