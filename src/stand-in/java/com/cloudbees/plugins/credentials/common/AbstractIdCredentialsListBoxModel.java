package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Mirrors credentials-plugin {@code AbstractIdCredentialsListBoxModel}: a drop-down of credentials by id. The
 * stand-in has no credential store: {@link #includeMatchingAs} adds nothing.
 */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials> extends ListBoxModel {

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        add(0, new Option("- none -", ""));
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, Item context,
            Class<? extends C> type, List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        if (value != null && !value.isEmpty() && stream().noneMatch(o -> value.equals(o.value))) {
            add(new Option("- current -", value));
        }
        return this;
    }
}
