package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Mirrors jenkins-core {@code hudson.model.Item}, a job or folder, with the permissions the plugin checks. The real
 * interface also extends PersistenceRoot, SearchableModelObject and OnMaster, which the plugin does not use.
 */
public interface Item extends AccessControlled {

    Permission CONFIGURE = Permission.fromId("hudson.model.Item.Configure");

    Permission EXTENDED_READ = Permission.fromId("hudson.model.Item.ExtendedRead");
}
