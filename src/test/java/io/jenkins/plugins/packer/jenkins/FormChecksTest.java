package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;

/** Every field whose value can be wrong is checked as it is typed, for those who may configure the job. */
class FormChecksTest {

    private static final Item CONFIGURER = CredentialsListsTest.item(Item.CONFIGURE);
    private static final Item READER = CredentialsListsTest.item(Item.EXTENDED_READ);

    @Test
    void onErrorTakesTheModesAJenkinsBuildCanRun() {
        PackerBuildStep.DescriptorImpl d = new PackerBuildStep.DescriptorImpl();
        assertThat(d.doCheckOnError(CONFIGURER, "abort").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckOnError(CONFIGURER, "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckOnError(CONFIGURER, "ask").getMessage()).contains("no terminal to ask on");
        assertThat(d.doCheckOnError(READER, "ask").kind).as("said only to who may configure")
                .isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void countsAreWholeNumbersZeroOrMore() {
        PackerBuildBuilder.DescriptorImpl d = new PackerBuildBuilder.DescriptorImpl();
        assertThat(d.doCheckParallelBuilds(CONFIGURER, "4").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckParallelBuilds(CONFIGURER, "-1").getMessage())
                .isEqualTo("parallelBuilds must be a whole number, 0 or more");
        assertThat(d.doCheckArchiveLimitMegabytes(CONFIGURER, "lots").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void theSweepsDurationAndRegionsAreChecked() {
        PackerSweepStep.DescriptorImpl d = new PackerSweepStep.DescriptorImpl();
        assertThat(d.doCheckOlderThan(CONFIGURER, "2h30m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckOlderThan(CONFIGURER, "two hours").getMessage())
                .startsWith("time: invalid duration \"two hours\"");
        assertThat(d.doCheckRegions(CONFIGURER, "us-east-1, eu-west-1").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckRegions(CONFIGURER, "us-east-1,Frankfurt").kind).isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    void variablesAndVariableFilesAreCheckedLineByLine() {
        PackerValidateStep.DescriptorImpl d = new PackerValidateStep.DescriptorImpl();
        assertThat(d.doCheckVariables(CONFIGURER, "a=1\nb = two").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckVariables(CONFIGURER, "a=1\nregion").getMessage())
                .isEqualTo("variables, line 2: expected name=value, but is region");
        assertThat(new PackerBuildStep.DescriptorImpl().doCheckVariableFiles(CONFIGURER, "prod.pkrvars.hcl").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(new PackerBuildBuilder.DescriptorImpl().doCheckVariableFiles(CONFIGURER, "/etc/passwd").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckVariables(READER, "region").kind).isEqualTo(FormValidation.Kind.OK);
    }
}
