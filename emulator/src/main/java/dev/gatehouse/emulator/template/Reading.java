package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every resource reader shares: the stack (names and intrinsics), the problems found so far (each
 * {@code file:line: field: expected}), and the start-up warnings.
 */
final class Reading {
    final Stack stack;
    final TemplateDocument doc;
    final List<String> problems = new ArrayList<>();
    final Set<String> warnings = new LinkedHashSet<>();

    Reading(Stack stack, TemplateDocument doc) {
        this.stack = stack;
        this.doc = doc;
    }

    void problem(String pointer, String message) {
        problems.add(doc.problem(pointer, message));
    }

    /** Runs a piece of reading; a {@link TemplateError} becomes a problem and the fallback is returned. */
    <T> T attempt(Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (TemplateError e) {
            problem(e.pointer(), e.getMessage());
            return fallback;
        }
    }

    /** Every property is one Gatehouse reads or one it knows it may ignore; any other is an error at its line. */
    void knownProperties(Resource r, Set<String> read, Set<String> ignored) {
        for (Iterator<String> it = r.properties().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name) && !ignored.contains(name)) {
                problem(r.at(name), "not emulated: Gatehouse reads " + String.join(", ", read)
                        + (ignored.isEmpty() ? "" : " and ignores " + String.join(", ", ignored))
                        + " of " + r.type());
            }
        }
    }

    JsonNode property(Resource r, String name) {
        return attempt(() -> stack.property(r, name), null);
    }

    /** A string property (numbers and booleans as their text); null when absent. */
    String string(Resource r, String name) {
        JsonNode v = property(r, name);
        if (v == null) {
            return null;
        }
        if (!v.isValueNode()) {
            problem(r.at(name), "expected a string, got " + Intrinsics.describe(v));
            return null;
        }
        return v.asText();
    }

    String requiredString(Resource r, String name, String expected) {
        String v = string(r, name);
        if (v == null && !r.properties().has(name)) {
            problem(r.propertiesPointer(), name + " is missing; expected " + expected);
        }
        return v;
    }

    Integer integer(Resource r, String name, int min, int max) {
        JsonNode v = property(r, name);
        if (v == null) {
            return null;
        }
        String text = v.asText();
        if (!v.isValueNode() || !text.matches("\\d+") || Long.parseLong(text) < min || Long.parseLong(text) > max) {
            problem(r.at(name), "expected a whole number from " + min + " to " + max + ", got "
                    + Intrinsics.describe(v));
            return null;
        }
        return Integer.parseInt(text);
    }

    Boolean bool(Resource r, String name) {
        JsonNode v = property(r, name);
        if (v == null) {
            return null;
        }
        String text = v.asText();
        if (!text.equals("true") && !text.equals("false")) {
            problem(r.at(name), "expected true or false, got " + Intrinsics.describe(v));
            return null;
        }
        return Boolean.parseBoolean(text);
    }

    /** A list of strings; empty when absent. */
    List<String> strings(Resource r, String name) {
        JsonNode v = property(r, name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(r.at(name), "expected a list of strings, got " + Intrinsics.describe(v));
            return out;
        }
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    static Set<String> names(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}
