package dev.gatehouse.emulator.cognito.userpool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Sign-up confirmation codes. Gatehouse sends no email: the code is logged at INFO as
 * {@code Confirmation code for <email>: 123456}, and handed to an optional listener (tests).
 */
final class ConfirmationCodes {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationCodes.class);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> lastByEmail = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> listener = (email, code) -> { };

    String newCode(String email) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        LOG.info("Confirmation code for {}: {}", email, code);
        lastByEmail.put(UserStore.emailKey(email), code);
        listener.accept(email, code);
        return code;
    }

    void listener(BiConsumer<String, String> l) {
        this.listener = l;
    }

    String last(String email) {
        return lastByEmail.get(UserStore.emailKey(email));
    }
}
