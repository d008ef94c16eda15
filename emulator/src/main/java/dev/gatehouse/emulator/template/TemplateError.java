package dev.gatehouse.emulator.template;

/** A problem at one place of the template; the reader turns it into {@code file:line: field: message}. */
final class TemplateError extends RuntimeException {
    private final String pointer;

    TemplateError(String pointer, String message) {
        super(message, null, false, false);
        this.pointer = pointer;
    }

    String pointer() {
        return pointer;
    }
}
