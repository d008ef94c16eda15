package dev.gatehouse.emulator.cognito.userpool;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions of NEW_PASSWORD_REQUIRED challenges: an opaque random {@code Session} string standing for "this user proved
 * the temporary password", single use, valid for {@link #LIFETIME}, bounded.
 */
final class NewPasswordSessions {
    static final Duration LIFETIME = Duration.ofMinutes(3);
    private static final int MAX_PENDING = 10_000;

    private record Entry(String sub, Instant expires) {
    }

    private final Map<String, Entry> sessions = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_PENDING;
        }
    };

    synchronized String open(String sub, Instant now) {
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(Srp.randomBytes(48));
        sessions.put(session, new Entry(sub, now.plus(LIFETIME)));
        return session;
    }

    /** The user of a live session, which is consumed. */
    synchronized Optional<String> take(String session, Instant now) {
        Entry e = sessions.remove(session);
        return e == null || !now.isBefore(e.expires()) ? Optional.empty() : Optional.of(e.sub());
    }
}
