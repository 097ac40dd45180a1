package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;

/**
 * The credential drop-downs' permission gate: without Item/ExtendedRead or Credentials/UseItem on the job, the list
 * keeps only the value already set, so it reveals no credential ids; with either, it offers the empty choice too.
 * (The stand-in has no credential store, so which credentials are listed is left to the -Pjenkins tests.)
 */
class CredentialsListsTest {

    static Item item(Permission... granted) {
        Set<Permission> perms = Set.of(granted);
        return () -> new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                return perms.contains(permission);
            }
        };
    }

    private static java.util.List<String> values(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }

    @Test
    void withoutPermissionOnlyTheCurrentValueIsListed() {
        assertThat(values(CredentialsLists.aws(item(), "aws-prod"))).containsExactly("aws-prod");
        assertThat(values(CredentialsLists.ssh(item(Item.CONFIGURE), "builder-key"))).containsExactly("builder-key");
        assertThat(values(CredentialsLists.aws(item(), ""))).isEmpty();
    }

    @Test
    void extendedReadOrUseItemOpensTheList() {
        assertThat(values(CredentialsLists.aws(item(Item.EXTENDED_READ), "aws-prod"))).containsExactly("", "aws-prod");
        assertThat(values(CredentialsLists.ssh(item(CredentialsProvider.USE_ITEM), ""))).containsExactly("");
    }

    @Test
    void theFillMethodsOfBothFormsUseTheGate() {
        assertThat(values(new PackerBuildStep.DescriptorImpl().doFillCredentialsIdItems(item(), "x")))
                .containsExactly("x");
        assertThat(values(new PackerBuildBuilder.DescriptorImpl().doFillSshCredentialsIdItems(
                item(Item.EXTENDED_READ), "k"))).containsExactly("", "k");
    }

    @Test
    void theTemplateCheckAnswersThoseWhoMayConfigureTheJob() {
        var configurer = item(Item.CONFIGURE);
        assertThat(new PackerBuildStep.DescriptorImpl().doCheckTemplate(configurer, "").getMessage())
                .isEqualTo("template is required");
        assertThat(new PackerValidateStep.DescriptorImpl().doCheckTemplate(configurer, "/x.pkr.hcl").kind)
                .isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(new PackerBuildBuilder.DescriptorImpl().doCheckTemplate(configurer, "packer/aws.pkr.hcl").kind)
                .isEqualTo(hudson.util.FormValidation.Kind.OK);
        // Without Item/Configure the check says nothing.
        assertThat(new PackerBuildStep.DescriptorImpl().doCheckTemplate(item(Item.EXTENDED_READ), "/etc/x").kind)
                .isEqualTo(hudson.util.FormValidation.Kind.OK);
    }
}
