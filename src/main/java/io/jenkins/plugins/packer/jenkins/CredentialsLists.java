package io.jenkins.plugins.packer.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credential drop-downs of the forms, with the credentials consumer guide's permission check: without the right
 * to see the item's configuration or use its credentials (or, outside an item, to administer Jenkins), the list only
 * keeps the current value, so no one learns which credentials exist.
 */
final class CredentialsLists {

    private CredentialsLists() {
    }

    /** AWS credentials, and usernames with password (an access key id and its secret). */
    static ListBoxModel aws(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!allowed(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, AmazonWebServicesCredentials.class, List.of(),
                        CredentialsMatchers.always())
                .includeMatchingAs(ACL.SYSTEM2, item, StandardUsernamePasswordCredentials.class, List.of(),
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /** SSH private keys. */
    static ListBoxModel ssh(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!allowed(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, SSHUserPrivateKey.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    private static boolean allowed(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
