package io.jenkins.plugins.packer.gotemplate;

import java.util.List;
import java.util.Map;

/**
 * A parsed Go template: its name and text (for error positions) and Go's tree set, every template the text defines
 * ({@code define}, {@code block}) by name, the main one under {@code name}.
 */
public record GoTemplate(String name, String text, Map<String, List<GoTemplateNode>> trees) {

    public GoTemplate {
        trees = Map.copyOf(trees);
    }

    /** The nodes of the main template. */
    public List<GoTemplateNode> root() {
        return trees.get(name);
    }

    /** Whether a {@code {{template}}} (or {@code {{block}}}) action is anywhere: only then can calls nest deep. */
    public boolean callsTemplates() {
        return trees.values().stream().anyMatch(GoTemplate::callsTemplates);
    }

    private static boolean callsTemplates(List<GoTemplateNode> list) {
        for (GoTemplateNode n : list) {
            if (n instanceof GoTemplateNode.Template
                    || n instanceof GoTemplateNode.Branch b && (callsTemplates(b.list())
                            || b.elseList() != null && callsTemplates(b.elseList()))) {
                return true;
            }
        }
        return false;
    }
}
