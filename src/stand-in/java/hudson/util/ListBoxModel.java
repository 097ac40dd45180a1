package hudson.util;

import java.util.ArrayList;

/**
 * Mirrors jenkins-core {@code hudson.util.ListBoxModel}: the options of a drop-down list a {@code doFill…Items} web
 * method returns. The real class also implements Stapler's HttpResponse, which the plugin does not use.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    /** One option: what is shown and the value submitted. */
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }
}
