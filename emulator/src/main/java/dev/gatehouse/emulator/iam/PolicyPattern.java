package dev.gatehouse.emulator.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A value of a policy element: literal text, the wildcards {@code *} (any run of characters, {@code /} included) and
 * {@code ?} (one character), and, in a {@code 2012-10-17} policy, policy variables {@code ${key}} replaced from the
 * request context before matching. {@code ${*}}, {@code ${?}} and {@code ${$}} stand for the literal characters.
 */
final class PolicyPattern {
    /** The policy variables Gatehouse supplies: the identity pool context keys, compared case-insensitively. */
    static final String SUB = "cognito-identity.amazonaws.com:sub";
    static final String AUD = "cognito-identity.amazonaws.com:aud";
    static final List<String> VARIABLES = List.of(SUB, AUD);

    private sealed interface Part permits Text, Star, Question, Variable { }
    private record Text(String text) implements Part { }
    private record Star() implements Part { }
    private record Question() implements Part { }
    private record Variable(String key) implements Part { }

    private final String source;
    private final List<Part> parts;

    private PolicyPattern(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * @param withVariables whether {@code ${...}} is a policy variable (policy version 2012-10-17) or literal text
     * @param field         the element's path, for the error message
     */
    static PolicyPattern parse(String source, boolean withVariables, String field) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (withVariables && c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                int end = source.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(field + ": unterminated policy variable in \"" + source + "\"");
                }
                String key = source.substring(i + 2, end).trim();
                if (key.equals("*") || key.equals("?") || key.equals("$")) {
                    text.append(key);
                } else if (VARIABLES.contains(key.toLowerCase(Locale.ROOT))) {
                    flush(text, parts);
                    parts.add(new Variable(key.toLowerCase(Locale.ROOT)));
                } else {
                    throw new IllegalArgumentException(field + ": unsupported policy variable ${" + key
                            + "} (supported: ${" + String.join("}, ${", VARIABLES) + "})");
                }
                i = end + 1;
                continue;
            }
            if (c == '*' || c == '?') {
                flush(text, parts);
                parts.add(c == '*' ? new Star() : new Question());
            } else {
                text.append(c);
            }
            i++;
        }
        flush(text, parts);
        return new PolicyPattern(source, List.copyOf(parts));
    }

    private static void flush(StringBuilder text, List<Part> parts) {
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /**
     * Whether {@code value} matches.
     *
     * @param variables    the request context (lower-case key to value); a variable without a value matches nothing
     * @param ignoreCase   true for actions
     * @param useWildcards false for exact comparisons ({@code StringEquals}), where {@code *} and {@code ?} are text
     */
    boolean matches(String value, Function<String, String> variables, boolean ignoreCase, boolean useWildcards) {
        StringBuilder chars = new StringBuilder();
        List<Boolean> wild = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Variable v) {
                String resolved = variables.apply(v.key());
                if (resolved == null) {
                    return false;
                }
                append(chars, wild, resolved);
            } else if (part instanceof Text t) {
                append(chars, wild, t.text());
            } else {
                char c = part instanceof Star ? '*' : '?';
                chars.append(c);
                wild.add(useWildcards);
            }
        }
        return globMatch(chars.toString(), wild, value, ignoreCase);
    }

    private static void append(StringBuilder chars, List<Boolean> wild, String literal) {
        chars.append(literal);
        for (int k = 0; k < literal.length(); k++) {
            wild.add(false);
        }
    }

    /** The classic linear wildcard match with one backtrack point (the last star). */
    private static boolean globMatch(String pattern, List<Boolean> wild, String s, boolean ignoreCase) {
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (p < pattern.length() && wild.get(p) && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (p < pattern.length()
                    && ((wild.get(p) && pattern.charAt(p) == '?') || (!wild.get(p) && same(pattern.charAt(p), s.charAt(i), ignoreCase)))) {
                p++;
                i++;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && wild.get(p) && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }

    @Override
    public String toString() {
        return source;
    }
}
