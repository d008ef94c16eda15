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
    record Snapshot(List<StoredUser> users, List<StoredSession> sessions) {
    }

    private final Map<String, StoredUser> bySub = new LinkedHashMap<>();
    private final Map<String, String> subByEmail = new HashMap<>();
    private final Map<String, StoredSession> sessionsByOriginJti = new LinkedHashMap<>();
    private final Map<String, String> originJtiByRefreshHash = new HashMap<>();
    private final JsonFile file;

    UserStore(Optional<Path> dataDir) {
        this.file = dataDir.map(d -> new JsonFile(d.resolve("cognito").resolve("user-pool-users.json"))).orElse(null);
        if (file != null) {
            file.read(Snapshot.class).ifPresent(s -> {
                s.users().forEach(this::index);
                s.sessions().forEach(this::indexSession);
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
                originJtiByRefreshHash.remove(s.refreshTokenHash());
                return true;
            }
            return false;
        });
        save();
    }

    synchronized void putSession(StoredSession session, Instant now) {
        sessionsByOriginJti.values().removeIf(s -> {
            if (!now.isBefore(s.expires())) {
                originJtiByRefreshHash.remove(s.refreshTokenHash());
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
    }

    private void save() {
        if (file != null) {
            file.write(new Snapshot(new ArrayList<>(bySub.values()), new ArrayList<>(sessionsByOriginJti.values())));
        }
    }
}
