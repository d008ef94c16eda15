package dev.gatehouse.notes;

/** Input the caller got wrong: answered with 400 and this message. */
final class BadRequest extends RuntimeException {
    BadRequest(String message) {
        super(message, null, false, false);
    }
}
