package dev.gatehouse.emulator.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The line on which each value of a JSON document starts, by JSON pointer: so errors can say where. */
public final class JsonLines {
    private final Map<String, Integer> lines = new HashMap<>();

    public JsonLines(String json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> arrayIndex = new ArrayDeque<>();
            JsonToken t;
            String pendingField = null;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    pendingField = p.currentName();
                    lines.put(pointer(path) + "/" + escape(pendingField), p.currentTokenLocation().getLineNr());
                    continue;
                }
                String here;
                if (pendingField != null) {
                    here = pointer(path) + "/" + escape(pendingField);
                    pendingField = null;
                } else if (!arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0 && t != JsonToken.END_ARRAY
                        && t != JsonToken.END_OBJECT) {
                    here = pointer(path) + "/" + (arrayIndex.peek()[0]++);
                } else {
                    here = pointer(path);
                }
                if (t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
                    lines.putIfAbsent(here, p.currentTokenLocation().getLineNr());
                }
                switch (t) {
                    case START_OBJECT -> {
                        path.push(here);
                        arrayIndex.push(new int[]{-1});
                    }
                    case START_ARRAY -> {
                        path.push(here);
                        arrayIndex.push(new int[]{0});
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        arrayIndex.pop();
                    }
                    default -> {
                    }
                }
            }
        }
    }

    private static String pointer(Deque<String> path) {
        return path.isEmpty() ? "" : path.peek();
    }

    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** The line of the value at {@code pointer}, or of its nearest ancestor that exists. */
    public int lineOf(String pointer) {
        return nearestLine(lines, pointer);
    }

    /** In {@code lines} (pointer to line), the line of {@code pointer} or of its nearest ancestor there; else 1. */
    public static int nearestLine(Map<String, Integer> lines, String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 1;
            }
            p = p.substring(0, slash);
        }
    }

    /**
     * A JSON pointer as a person reads it: {@code /routes/GET ~1notes/handler} → {@code routes["GET /notes"].handler};
     * a name matching {@code plainName} is written after a dot, an index in brackets, any other name quoted.
     */
    public static String display(String pointer, Pattern plainName) {
        if (pointer.isEmpty()) {
            return "(top level)";
        }
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/", -1)) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.matches("\\d+")) {
                out.append('[').append(name).append(']');
            } else if (plainName.matcher(name).matches()) {
                out.append(out.length() == 0 ? "" : ".").append(name);
            } else {
                out.append("[\"").append(name).append("\"]");
            }
        }
        return out.toString();
    }
}
