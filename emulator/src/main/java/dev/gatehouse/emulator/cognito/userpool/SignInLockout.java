package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cognito's documented lockout after failed sign-in attempts with a password: after {@link #FREE_FAILURES} failures
 * the user is locked out for 1 s, and for {@code 2^(n-5)} s after the n-th failure, at most {@link #MAX_LOCKOUT}.
 * Attempts during a lockout answer NotAuthorizedException "Password attempts exceeded" (even with the right password)
 * and do not count. A successful sign-in, or {@link #QUIET_RESET} without any attempt, starts again from zero.
 * Times come from the pool's clock, so moving Gatehouse's clock forward ends a lockout.
 *
 * <p>Keys are a user's {@code sub}, or for a username nobody has (when existence errors are prevented) a key derived
 * from the username: an unknown username locks out exactly like a real one.
 */
final class SignInLockout {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    static final Duration QUIET_RESET = Duration.ofMinutes(15);
    static final int MAX_TRACKED = 100_000;

    private record Entry(int failures, Instant lockedUntil, Instant lastAttempt) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** NotAuthorizedException "Password attempts exceeded" while {@code key} is locked out. */
    synchronized void check(String key, Instant now) {
        Entry e = current(key, now);
        if (e != null && now.isBefore(e.lockedUntil())) {
            entries.put(key, new Entry(e.failures(), e.lockedUntil(), now));
            throw passwordAttemptsExceeded();
        }
    }

    /** Counts a wrong password; from the fifth, locks the key out. */
    synchronized void failed(String key, Instant now) {
        Entry e = current(key, now);
        int failures = (e == null ? 0 : e.failures()) + 1;
        Instant until = failures < FREE_FAILURES ? Instant.MIN : now.plus(lockout(failures));
        entries.put(key, new Entry(failures, until, now));
    }

    /** A correct password: the count starts again. */
    synchronized void succeeded(String key) {
        entries.remove(key);
    }

    /** The lockout after the n-th consecutive failure: {@code 2^(n-5)} seconds, at most 15 minutes. */
    static Duration lockout(int failures) {
        int exponent = failures - FREE_FAILURES;
        if (exponent >= 10) {
            return MAX_LOCKOUT;
        }
        Duration d = Duration.ofSeconds(1L << exponent);
        return d.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : d;
    }

    static AwsJsonError passwordAttemptsExceeded() {
        return AwsJsonError.notAuthorized("Password attempts exceeded");
    }

    private Entry current(String key, Instant now) {
        Entry e = entries.get(key);
        if (e != null && !now.isBefore(e.lastAttempt().plus(QUIET_RESET)) && !now.isBefore(e.lockedUntil())) {
            entries.remove(key);
            return null;
        }
        return e;
    }
}
