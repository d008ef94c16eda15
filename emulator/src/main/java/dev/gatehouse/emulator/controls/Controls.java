package dev.gatehouse.emulator.controls;

import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.cognito.identity.IdentityPool;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import dev.gatehouse.emulator.cognito.userpool.UserPool;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Principal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a developer may change in a running Gatehouse to reproduce time and revocation without waiting: the clock of
 * every time check, a user's credentials, a user's sign-in, the user pool's signing keys.
 */
public final class Controls {
    private final ControlledClock clock;
    private final UserPool userPool;
    private final IdentityPool identityPool;
    private final CredentialStore credentials;

    public Controls(ControlledClock clock, UserPool userPool, IdentityPool identityPool, CredentialStore credentials) {
        this.clock = clock;
        this.userPool = userPool;
        this.identityPool = identityPool;
        this.credentials = credentials;
    }

    public ControlledClock clock() {
        return clock;
    }

    /**
     * Both times: {@code now} ages tokens, credentials, codes and lockouts ({@code offsetSeconds}, {@code frozenAt});
     * {@code signatureNow} is what request signatures and SRP timestamps are compared with (the real time, shifted by
     * {@code clientSkewSeconds} to simulate clients whose clocks are behind).
     */
    public record ClockState(Instant now, long offsetSeconds, Instant frozenAt, Instant signatureNow,
                             long clientSkewSeconds) {
    }

    public ClockState clockState() {
        return new ClockState(clock.instant(), clock.currentOffset().toSeconds(), clock.frozenAt(),
                clock.signatureClock().instant(), clock.currentClientSkew().toSeconds());
    }

    /** Simulates clients whose clocks are {@code seconds} behind (negative: ahead); 0 for clients with right clocks. */
    public ClockState clientSkew(long seconds) {
        clock.clientSkew(Duration.ofSeconds(seconds));
        return clockState();
    }

    public ClockState offset(long seconds) {
        clock.offset(Duration.ofSeconds(seconds));
        return clockState();
    }

    public ClockState freeze(Instant at) {
        clock.freeze(at);
        return clockState();
    }

    public ClockState reset() {
        clock.resume();
        return clockState();
    }

    /** The identity pool's identity id of a user of the user pool; throws for an unknown email. */
    public String identityIdOf(String email) {
        UserPool.UserView user = userPool.findUserByEmail(email)
                .orElseThrow(() -> new IllegalArgumentException("no user " + email + " in the user pool"));
        return identityPool.identityFor(user.sub()).identityId();
    }

    /** The email of the user pool user behind an identity, when it is one. */
    public Optional<String> emailOf(CognitoIdentity identity) {
        if (identity == null || identity.userPoolSub() == null) {
            return Optional.empty();
        }
        return userPool.findUserBySub(identity.userPoolSub()).map(UserPool.UserView::email);
    }

    /** Makes every credential issued to the user's identity expire now; returns how many were changed. */
    public int expireCredentials(String email) {
        return credentials.expireAll(identityIdOf(email));
    }

    public void disableUser(String email) {
        if (!userPool.disableUser(email)) {
            throw new IllegalArgumentException("no user " + email + " in the user pool");
        }
    }

    public void enableUser(String email) {
        if (!userPool.enableUser(email)) {
            throw new IllegalArgumentException("no user " + email + " in the user pool");
        }
    }

    /** What the user pool would have sent to this address (codes), newest first. */
    public List<Outbox.Message> messagesTo(String email) {
        return userPool.messagesTo(email);
    }

    /** New signing keys for the user pool: ID tokens issued before are refused by GetId / GetCredentialsForIdentity. */
    public void rotateSigningKeys() {
        userPool.rotateSigningKeys();
    }

    /** One temporary credential as the console and the CLI may see it: no secret, no token. */
    public record CredentialsView(String accessKeyId, Instant issuedAt, Instant expiration, boolean expired) {
    }

    /**
     * A user of the user pool with their identity and credentials.
     *
     * @param lastSignIn when they last signed in since this Gatehouse started, or null
     */
    public record UserSummary(String email, String sub, String status, boolean enabled, String identityId,
                              Instant lastSignIn, List<CredentialsView> credentials) {
    }

    /** Every user of the user pool, by email. */
    public List<UserSummary> users() {
        Instant now = clock.instant();
        List<UserSummary> out = new ArrayList<>();
        for (UserPool.UserView u : userPool.users()) {
            String identityId = identityPool.identityIdOf(u.sub());
            List<CredentialsView> issued = credentials.issuedTo(identityId).stream()
                    .map(c -> new CredentialsView(c.accessKeyId(), credentials.issuedAt(c.accessKeyId()).orElse(null),
                            c.expiration(), c.expiredAt(now)))
                    .toList();
            out.add(new UserSummary(u.email(), u.sub(), u.status(), u.enabled(), identityId,
                    userPool.lastSignIn(u.sub()), issued));
        }
        out.sort(java.util.Comparator.comparing(UserSummary::email, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /**
     * Fresh credentials for a user's identity, issued by the identity pool as GetCredentialsForIdentity issues them
     * (the user's own role, the configured lifetime). Refused, as a sign-in would be, for a disabled or unconfirmed
     * user.
     */
    public Credentials freshCredentials(String email) {
        UserPool.UserView user = userPool.findUserByEmail(email)
                .orElseThrow(() -> new IllegalArgumentException("no user " + email + " in the user pool"));
        if (!user.enabled()) {
            throw new IllegalStateException("user " + email + " is disabled: a disabled user cannot sign in, so gets"
                    + " no new credentials");
        }
        if (!"CONFIRMED".equals(user.status())) {
            throw new IllegalStateException("user " + email + " is " + user.status() + ": only a confirmed user can"
                    + " sign in and get credentials");
        }
        return identityPool.issueCredentials(identityPool.identityFor(user.sub()));
    }

    /** The identity whose credentials carry this access key id (expired ones too, until purged). */
    public Optional<CognitoIdentity> identityOfAccessKey(String accessKeyId) {
        return credentials.find(accessKeyId).map(Credentials::principal)
                .filter(p -> p instanceof Principal.AssumedRole).map(p -> ((Principal.AssumedRole) p).identity());
    }

    /** The credentials of an access key id (expired ones too, until purged). */
    public Optional<Credentials> credentials(String accessKeyId) {
        return credentials.find(accessKeyId);
    }

    /** The user pool user behind an identity, when it is one and still exists. */
    public Optional<UserPool.UserView> userOf(CognitoIdentity identity) {
        if (identity == null || identity.userPoolSub() == null) {
            return Optional.empty();
        }
        return userPool.findUserBySub(identity.userPoolSub());
    }

    /** Fresh credentials for an identity's role, as GetCredentialsForIdentity would issue them now. */
    public Credentials issueCredentials(CognitoIdentity identity) {
        return identityPool.issueCredentials(identity);
    }
}
