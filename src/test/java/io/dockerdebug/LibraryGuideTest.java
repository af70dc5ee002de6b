package io.dockerdebug;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docs/library.md shows exactly the code that ConsumerProjectIT compiles and runs: each Java
 * block of the guide is one tagged region of the consumer project's LibraryGuide, in order.
 */
class LibraryGuideTest {
    private static final Path GUIDE = Path.of("docs/library.md");
    private static final Path EXAMPLES = Path.of("src/it/consumer/src/main/java/example/LibraryGuide.java");

    @Test
    void everyJavaBlockOfTheGuideIsATaggedRegionOfTheCompiledExamples() throws IOException {
        List<String> blocks = matches(Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL), Files.readString(GUIDE));
        List<String> regions = new ArrayList<>();
        for (String region : matches(Pattern.compile("// tag::[\\w-]+\\[]\n(.*?)\n\\s*// end::[\\w-]+\\[]",
                Pattern.DOTALL), Files.readString(EXAMPLES))) {
            regions.add(dedent(region));
        }
        assertFalse(regions.isEmpty(), "no tagged region in " + EXAMPLES);
        assertEquals(regions, blocks);
    }

    @Test
    void dedentRemovesTheCommonIndentationOnly() {
        assertEquals("a\n  b\n\nc", dedent("    a\n      b\n\n    c"));
        assertEquals("x", dedent("x"));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String dedent(String text) {
        String[] lines = text.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i].isBlank() ? "" : lines[i].substring(indent));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
