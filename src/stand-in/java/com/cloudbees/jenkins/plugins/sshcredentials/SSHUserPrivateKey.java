package com.cloudbees.jenkins.plugins.sshcredentials;

import hudson.util.Secret;
import java.util.List;

/** Mirrors ssh-credentials {@code SSHUserPrivateKey}: a user name with private keys (PEM or OpenSSH text). */
@SuppressWarnings("deprecation")
public interface SSHUserPrivateKey extends SSHUser {

    Secret getPassphrase();

    List<String> getPrivateKeys();
}
