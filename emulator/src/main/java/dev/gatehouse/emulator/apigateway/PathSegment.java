package dev.gatehouse.emulator.apigateway;

/**
 * One segment of a route's path template. The kinds are in order of specificity: a literal beats a variable, which
 * beats a greedy variable.
 *
 * @param text the literal text, or the variable's name
 */
public record PathSegment(Kind kind, String text) {

    public enum Kind { LITERAL, VARIABLE, GREEDY }

    static PathSegment literal(String text) {
        return new PathSegment(Kind.LITERAL, text);
    }

    static PathSegment variable(String name) {
        return new PathSegment(Kind.VARIABLE, name);
    }

    static PathSegment greedy(String name) {
        return new PathSegment(Kind.GREEDY, name);
    }
}
