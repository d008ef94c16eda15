package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.store.JsonFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The six-digit codes the user pool "sends" and checks. Each new code goes to the {@link Outbox} (which logs it) and
 * replaces the subject's earlier code for the same purpose; it is good once, until it expires (24 hours for sign-up
 * and attribute codes, 1 hour for password reset codes, as Cognito documents).
 *
 * <p>Guessing limits, per subject and purpose over a rolling hour: at most {@link #MAX_SENDS} codes sent (then
 * LimitExceededException) and {@link #MAX_WRONG} wrong codes entered; after that every entry, even the right code, is
 * refused (LimitExceededException for password reset, as Cognito documents its hourly limit there, else
 * TooManyFailedAttemptsException) until the hour has passed on the pool's clock.
 *
 * <p>A subject is a user's {@code sub}, or for a username nobody has (existence errors prevented) a key derived from
 * the username, so that unknown usernames meet the same limits as real ones. With a data directory the codes and the
 * counts are kept in {@code cognito/codes.json}.
 */
final class ConfirmationCodes {
    /** What a code is for, and how long it is good. */
    enum Purpose {
        SIGN_UP(Duration.ofHours(24)), FORGOT_PASSWORD(Duration.ofHours(1)), VERIFY_EMAIL(Duration.ofHours(24));

        final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }
    }

    static final int MAX_SENDS = 5;
    static final int MAX_WRONG = 5;
    static final Duration WINDOW = Duration.ofHours(1);
    static final int MAX_TRACKED = 100_000;

    record Pending(String code, Instant expires) {
        @Override
        public String toString() {
            return "Pending[until " + expires + "]";
        }
    }

    record Attempts(List<Instant> sends, List<Instant> wrong) {
    }

    /** What goes to disk. */
    record Snapshot(Map<String, Pending> pending, Map<String, Attempts> attempts) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Outbox outbox;
    private final JsonFile file;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Attempts> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    private volatile BiConsumer<String, String> listener = (email, code) -> { };

    ConfirmationCodes(Outbox outbox, Optional<Path> dataDir) {
        this.outbox = outbox;
        this.file = dataDir.map(d -> new JsonFile(d.resolve("cognito").resolve("codes.json"))).orElse(null);
        if (file != null) {
            file.read(Snapshot.class).ifPresent(s -> {
                pending.putAll(s.pending());
                attempts.putAll(s.attempts());
            });
        }
    }

    /**
     * Sends {@code email} a new code for {@code purpose} (a message of {@code kind} in the outbox), replacing the
     * subject's earlier one. LimitExceededException after {@link #MAX_SENDS} codes in an hour.
     */
    synchronized String issue(String subject, String email, Purpose purpose, Outbox.Kind kind, Instant now) {
        countSend(subject, purpose, now);
        String code = String.format("%06d", random.nextInt(1_000_000));
        pending.put(key(subject, purpose), new Pending(code, now.plus(purpose.lifetime)));
        save();
        outbox.send(email, kind, code);
        listener.accept(email, code);
        return code;
    }

    /**
     * A new code in a message of {@code kind} to {@code email}, with no state kept here: for a caller that keeps and
     * checks its own codes (attribute verification).
     */
    String send(String email, Outbox.Kind kind) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        outbox.send(email, kind, code);
        listener.accept(email, code);
        return code;
    }

    /** What {@link #issue} does to the limits, for a username nobody has: nothing is sent. */
    synchronized void simulateIssue(String subject, Purpose purpose, Instant now) {
        countSend(subject, purpose, now);
        save();
    }

    /**
     * Accepts the subject's current code once, or refuses: the limit error after {@link #MAX_WRONG} wrong codes in an
     * hour, ExpiredCodeException when no code was sent (or it was used), CodeMismatchException for a wrong code,
     * ExpiredCodeException for the right code too late.
     */
    synchronized void verify(String subject, Purpose purpose, String code, Instant now) {
        String key = key(subject, purpose);
        Attempts a = recent(key, now);
        if (a.wrong().size() >= MAX_WRONG) {
            throw tooManyWrong(purpose);
        }
        Pending p = pending.get(key);
        if (p == null) {
            throw expired();
        }
        if (!MessageDigest.isEqual(p.code().getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8))) {
            a.wrong().add(now);
            attempts.put(key, a);
            save();
            throw mismatch();
        }
        if (!now.isBefore(p.expires())) {
            throw expired();
        }
        pending.remove(key);
        attempts.remove(key);
        save();
    }

    /**
     * Counts a wrong code for a username nobody has (existence errors prevented) and returns CodeMismatchException to
     * throw, as {@link #verify} would; throws the limit error instead after too many.
     */
    synchronized AwsJsonError refuse(String subject, Purpose purpose, Instant now) {
        String key = key(subject, purpose);
        Attempts a = recent(key, now);
        if (a.wrong().size() >= MAX_WRONG) {
            throw tooManyWrong(purpose);
        }
        a.wrong().add(now);
        attempts.put(key, a);
        save();
        return mismatch();
    }

    /** Whether the subject has a code for this purpose that was neither used nor replaced (it may have expired). */
    synchronized boolean sent(String subject, Purpose purpose) {
        return pending.containsKey(key(subject, purpose));
    }

    /** Forgets a deleted user's codes. */
    synchronized void forget(String subject) {
        String prefix = subject + "|";
        pending.keySet().removeIf(k -> k.startsWith(prefix));
        attempts.keySet().removeIf(k -> k.startsWith(prefix));
        save();
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

    static AwsJsonError mismatch() {
        return new AwsJsonError("CodeMismatchException", "Invalid verification code provided, please try again.");
    }

    static AwsJsonError expired() {
        return new AwsJsonError("ExpiredCodeException", "Invalid code provided, please request a code again.");
    }

    static AwsJsonError limitExceeded() {
        return new AwsJsonError("LimitExceededException", "Attempt limit exceeded, please try after some time.");
    }

    private static AwsJsonError tooManyWrong(Purpose purpose) {
        return purpose == Purpose.FORGOT_PASSWORD ? limitExceeded()
                : new AwsJsonError("TooManyFailedAttemptsException",
                        "Too many failed attempts, please try after some time.");
    }

    private void countSend(String subject, Purpose purpose, Instant now) {
        String key = key(subject, purpose);
        Attempts a = recent(key, now);
        if (a.sends().size() >= MAX_SENDS) {
            throw limitExceeded();
        }
        a.sends().add(now);
        attempts.put(key, a);
    }

    /** The attempts of the last hour (a mutable copy). */
    private Attempts recent(String key, Instant now) {
        Attempts a = attempts.get(key);
        Instant since = now.minus(WINDOW);
        List<Instant> sends = new ArrayList<>();
        List<Instant> wrong = new ArrayList<>();
        if (a != null) {
            a.sends().stream().filter(t -> t.isAfter(since)).forEach(sends::add);
            a.wrong().stream().filter(t -> t.isAfter(since)).forEach(wrong::add);
        }
        return new Attempts(sends, wrong);
    }

    private static String key(String subject, Purpose purpose) {
        return subject + "|" + purpose;
    }

    private void save() {
        if (file != null) {
            file.write(new Snapshot(new HashMap<>(pending), new LinkedHashMap<>(attempts)));
        }
    }
}
