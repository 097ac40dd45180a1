package io.jenkins.plugins.packer.ops;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** A unified diff with three lines of context, as {@code diff -u --label=A --label=B} prints it for fmt -diff. */
public final class UnifiedDiff {

    private UnifiedDiff() {
    }

    public static String diff(byte[] before, byte[] after, String labelA, String labelB) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff(labelA, labelB, a, patch, 3);
        StringBuilder s = new StringBuilder();
        for (String line : out) {
            s.append(line).append('\n');
        }
        return s.toString();
    }

    private static List<String> lines(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        if (s.isEmpty()) {
            return List.of();
        }
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return Arrays.asList(s.split("\n", -1));
    }
}
