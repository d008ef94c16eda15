package dev.gatehouse.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's runnable shell blocks: a {@code <!-- readme-test: run -->} line, then a fenced block. */
final class ReadmeBlocks {
    /** How many runnable blocks the README has at least (raise it when you mark more). */
    static final int MINIMUM = 6;
    private static final String RUN = "<!-- readme-test: run -->";
    private static final String EXPECT = "<!-- readme-test: expect ";

    record Block(int line, String text, List<String> expected) {
    }

    private ReadmeBlocks() {
    }

    static List<Block> parse(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals(RUN)) {
                continue;
            }
            int open = i + 1;
            while (open < lines.size() && lines.get(open).isBlank()) {
                open++;
            }
            if (open >= lines.size() || !lines.get(open).startsWith("```")) {
                throw new IllegalStateException("README line " + (i + 1) + ": " + RUN + " must precede a ``` block");
            }
            StringBuilder text = new StringBuilder();
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).startsWith("```")) {
                text.append(lines.get(close)).append('\n');
                close++;
            }
            if (close >= lines.size()) {
                throw new IllegalStateException("README line " + (open + 1) + ": the block is never closed");
            }
            List<String> expected = new ArrayList<>();
            int next = close + 1;
            while (next < lines.size() && (lines.get(next).isBlank() || lines.get(next).trim().startsWith(EXPECT))) {
                String l = lines.get(next).trim();
                if (l.startsWith(EXPECT)) {
                    if (!l.endsWith("-->")) {
                        throw new IllegalStateException("README line " + (next + 1) + ": an expect marker ends in -->");
                    }
                    expected.add(l.substring(EXPECT.length(), l.length() - 3).trim());
                }
                next++;
            }
            blocks.add(new Block(open + 1, text.toString(), List.copyOf(expected)));
            i = close;
        }
        return blocks;
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
