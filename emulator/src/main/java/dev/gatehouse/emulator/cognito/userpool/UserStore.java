package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.store.JsonFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Users and sign-in sessions, in memory, and with a data directory also on disk: every change rewrites
 * {@code cognito/user-pool-users.json} atomically before it is acknowledged.
 */
final class UserStore {
    /** What goes to disk. */
    record Snapshot(List<StoredUser> users, List<StoredSession> sessions,
                    List<AttributeVerification> verifications) {
    }

    private final Map<String, StoredUser> bySub = new LinkedHashMap<>();
    private final Map<String, String> subByEmail = new HashMap<>();
    private final Map<String, StoredSession> sessionsByOriginJti = new LinkedHashMap<>();
    private final Map<String, String> originJtiByRefreshHash = new HashMap<>();
    private final Map<String, AttributeVerification> verificationBySub = new HashMap<>();
    private final JsonFile file;

    UserStore(Optional<Path> dataDir) {
        this.file = dataDir.map(d -> new JsonFile(d.resolve("cognito").resolve("user-pool-users.json"))).orElse(null);
        if (file != null) {
            file.read(Snapshot.class).ifPresent(s -> {
                s.users().forEach(this::index);
                s.sessions().forEach(this::indexSession);
                if (s.verifications() != null) {
                    s.verifications().forEach(v -> verificationBySub.put(v.sub(), v));
                }
            });
        }
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    synchronized Optional<StoredUser> byEmail(String email) {
        String sub = subByEmail.get(emailKey(email));
        return Optional.ofNullable(sub == null ? null : bySub.get(sub));
    }

    synchronized Optional<StoredUser> bySub(String sub) {
        return Optional.ofNullable(bySub.get(sub));
    }

    /** A user by what a client calls the username: the email (any case) or the internal username (sub). */
    synchronized Optional<StoredUser> byUsername(String username) {
        Optional<StoredUser> found = byEmail(username);
        return found.isPresent() ? found : bySub(username);
    }

    /** All users, ordered by email. */
    synchronized List<StoredUser> all() {
        List<StoredUser> list = new ArrayList<>(bySub.values());
        list.sort(Comparator.comparing(u -> emailKey(u.email())));
        return list;
    }

    /** Inserts or replaces a user and saves. */
    synchronized void put(StoredUser user) {
        StoredUser old = bySub.get(user.sub());
        if (old != null) {
            subByEmail.remove(emailKey(old.email()));
        }
        index(user);
        save();
    }

    synchronized void delete(String sub) {
        StoredUser old = bySub.remove(sub);
        if (old != null) {
            subByEmail.remove(emailKey(old.email()));
        }
        sessionsByOriginJti.values().removeIf(s -> {
            if (s.sub().equals(sub)) {
                unindexSession(s);
                return true;
            }
            return false;
        });
        verificationBySub.remove(sub);
        save();
    }

    synchronized void putSession(StoredSession session, Instant now) {
        sessionsByOriginJti.values().removeIf(s -> {
            if (!now.isBefore(s.expires())) {
                unindexSession(s);
                return true;
            }
            return false;
        });
        indexSession(session);
        save();
    }

    synchronized Optional<StoredSession> sessionByRefreshHash(String hash) {
        String jti = originJtiByRefreshHash.get(hash);
        return Optional.ofNullable(jti == null ? null : sessionsByOriginJti.get(jti));
    }

    synchronized Optional<StoredSession> session(String originJti) {
        return Optional.ofNullable(sessionsByOriginJti.get(originJti));
    }

    /**
     * Refresh-token rotation: {@code newHash} becomes the session's refresh token. When the presented token was the
     * current one, it becomes the replaced one, valid until {@code graceUntil}; when it was the replaced one (a retry
     * within the grace period), it stays so with its own deadline and the token issued in between is dropped.
     */
    synchronized StoredSession rotate(StoredSession session, String presentedHash, String newHash, Instant graceUntil) {
        StoredSession current = sessionsByOriginJti.get(session.originJti());
        StoredSession rotated;
        if (presentedHash.equals(current.refreshTokenHash())) {
            if (current.previousRefreshTokenHash() != null) {
                originJtiByRefreshHash.remove(current.previousRefreshTokenHash());
            }
            rotated = current.rotate(newHash, presentedHash, graceUntil);
        } else {
            originJtiByRefreshHash.remove(current.refreshTokenHash());
            rotated = current.rotate(newHash, current.previousRefreshTokenHash(), current.previousValidUntil());
        }
        indexSession(rotated);
        save();
        return rotated;
    }

    /** Revokes one session: its refresh token and every token issued from it (RevokeToken). */
    synchronized void revokeSession(String originJti) {
        sessionsByOriginJti.computeIfPresent(originJti, (jti, s) -> s.revoke());
        save();
    }

    synchronized Optional<AttributeVerification> verification(String sub) {
        return Optional.ofNullable(verificationBySub.get(sub));
    }

    synchronized void putVerification(AttributeVerification v) {
        verificationBySub.put(v.sub(), v);
        save();
    }

    synchronized void removeVerification(String sub) {
        if (verificationBySub.remove(sub) != null) {
            save();
        }
    }

    /** Revokes every session of a user (GlobalSignOut, AdminDisableUser). */
    synchronized void revokeSessions(String sub) {
        sessionsByOriginJti.replaceAll((jti, s) -> s.sub().equals(sub) && !s.revoked() ? s.revoke() : s);
        save();
    }

    private void index(StoredUser user) {
        bySub.put(user.sub(), user);
        subByEmail.put(emailKey(user.email()), user.sub());
    }

    private void indexSession(StoredSession session) {
        sessionsByOriginJti.put(session.originJti(), session);
        originJtiByRefreshHash.put(session.refreshTokenHash(), session.originJti());
        if (session.previousRefreshTokenHash() != null) {
            originJtiByRefreshHash.put(session.previousRefreshTokenHash(), session.originJti());
        }
    }

    private void unindexSession(StoredSession session) {
        originJtiByRefreshHash.remove(session.refreshTokenHash());
        if (session.previousRefreshTokenHash() != null) {
            originJtiByRefreshHash.remove(session.previousRefreshTokenHash());
        }
    }

    private void save() {
        if (file != null) {
            file.write(new Snapshot(new ArrayList<>(bySub.values()), new ArrayList<>(sessionsByOriginJti.values()),
                    new ArrayList<>(verificationBySub.values())));
        }
    }
}
