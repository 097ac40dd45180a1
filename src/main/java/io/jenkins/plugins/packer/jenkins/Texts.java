package io.jenkins.plugins.packer.jenkins;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.jvnet.localizer.LocaleProvider;

/**
 * The plugin's texts shown in Jenkins' pages (display names, form checks), from {@code Messages.properties} beside
 * this class, in the locale of the request they are shown for ({@code Messages_de.properties}… when present), with
 * {@link MessageFormat}'s arguments as Jenkins' generated {@code Messages} classes format them.
 */
final class Texts {

    static final String BUNDLE = "io.jenkins.plugins.packer.jenkins.Messages";

    private Texts() {
    }

    static String get(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, LocaleProvider.getLocale(),
                Texts.class.getClassLoader());
        return MessageFormat.format(bundle.getString(key), args);
    }
}
