package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;

/** Mirrors ssh-credentials {@code SSHUser}, the supertype of {@link SSHUserPrivateKey}. */
@Deprecated
public interface SSHUser extends StandardUsernameCredentials {
}
