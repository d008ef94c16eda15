package dev.gatehouse.emulator.cognito.userpool;

import java.security.SecureRandom;
import java.util.function.BiConsumer;

/**
 * The six-digit codes the user pool "sends": each new code goes to the {@link Outbox} (which logs it) and to an
 * optional listener (tests). Every operation that sends a code calls {@link #send}.
 */
final class ConfirmationCodes {
    private final SecureRandom random = new SecureRandom();
    private final Outbox outbox;
    private volatile BiConsumer<String, String> listener = (email, code) -> { };

    ConfirmationCodes(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A new code, kept in the outbox as a message of this kind to {@code email}. */
    String send(String email, Outbox.Kind kind) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        outbox.send(email, kind, code);
        listener.accept(email, code);
        return code;
    }

    Outbox outbox() {
        return outbox;
    }

    void listener(BiConsumer<String, String> l) {
        this.listener = l;
    }

    /** The newest code sent to {@code email}, or null. */
    String last(String email) {
        return outbox.to(email).stream().findFirst().map(Outbox.Message::code).orElse(null);
    }
}
