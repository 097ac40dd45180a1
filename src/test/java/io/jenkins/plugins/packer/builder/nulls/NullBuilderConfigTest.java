package io.jenkins.plugins.packer.builder.nulls;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NullBuilderConfigTest {

    @Test
    void communicatorNoneNeedsNothingElse() {
        assertThat(prepare("builder", "null", "communicator = \"none\"").ok()).isTrue();
    }

    @Test
    void sshNeedsHostAndAuthentication() {
        assertThat(prepare("builder", "null", "ssh_username = \"u\"").error()).isEqualTo("""
                2 error(s) occurred:

                * a Host must be specified, please reference your communicator documentation
                * one authentication method must be specified, please reference your communicator documentation""");
    }

    @Test
    void unknownCommunicatorIsNamedAndTheSshChecksStillApply() {
        assertThat(prepare("builder", "null", "communicator = \"telnet\"").error()).isEqualTo("""
                4 error(s) occurred:

                * Communicator type telnet is invalid
                * a Host must be specified, please reference your communicator documentation
                * a Username must be specified, please reference your communicator documentation
                * one authentication method must be specified, please reference your communicator documentation""");
    }

    @Test
    void passwordAndAgentTogetherAreRejected() {
        assertThat(prepare("builder", "null", """
                ssh_host = "h"
                ssh_username = "u"
                ssh_password = "p"
                ssh_agent_auth = true
                """).error()).endsWith(
                "* only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified");
    }

    @Test
    void missingPrivateKeyFileIsReportedWithGosStatError() {
        assertThat(prepare("builder", "null", """
                ssh_host = "h"
                ssh_username = "u"
                ssh_private_key_file = "~/id_none"
                """).error()).isEqualTo("""
                1 error(s) occurred:

                * ssh_private_key_file is invalid: stat /home/u/id_none: no such file or directory""");
    }

    @Test
    void unknownFileTransferMethodIsRejected() {
        assertThat(prepare("builder", "null", """
                ssh_host = "h"
                ssh_username = "u"
                ssh_password = "p"
                ssh_file_transfer_method = "rsync"
                """).error()).endsWith("* ssh_file_transfer_method ('rsync') is invalid, valid methods: sftp, scp");
    }
}
