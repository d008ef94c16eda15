package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * USER_SRP_AUTH: InitiateAuth opens a PASSWORD_VERIFIER challenge; RespondToAuthChallenge proves the password with
 * {@code PASSWORD_CLAIM_SIGNATURE}. With existence errors prevented, an unknown username gets a decoy challenge
 * ({@link DecoyUsers}) that fails, and locks out, the same way a wrong password does, so sign-in does not reveal which
 * users exist; with LEGACY it gets UserNotFoundException. Wrong passwords count towards the {@link SignInLockout}.
 */
final class PasswordVerifierChallenge {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy",
            Locale.US);
    static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(PasswordVerifierChallenge.class);

    private final PoolState pool;

    PasswordVerifierChallenge(PoolState pool) {
        this.pool = pool;
    }

    ObjectNode start(String username, String srpA) {
        if (srpA.length() > 2048) {
            throw AwsJsonError.invalidParameter("SRP_A is too long");
        }
        BigInteger bigA = SignInOperations.hex("SRP_A", srpA);
        if (bigA.signum() < 0 || bigA.mod(Srp.N).signum() == 0) {
            throw AwsJsonError.invalidParameter("SRP_A must not be zero modulo N");
        }
        Optional<StoredUser> user = pool.users().byUsername(username);
        String userIdForSrp;
        BigInteger salt;
        BigInteger v;
        if (user.isPresent() && user.get().salt() != null) {
            userIdForSrp = user.get().sub();
            salt = new BigInteger(user.get().salt(), 16);
            v = new BigInteger(user.get().verifier(), 16);
        } else if (user.isEmpty() && !pool.existence().hidden()) {
            throw ExistenceErrors.userDoesNotExist();
        } else {
            userIdForSrp = pool.decoys().userIdForSrp(username);
            salt = pool.decoys().salt(username);
            v = pool.decoys().verifier(username);
        }
        Srp.ServerEphemeral e = Srp.serverEphemeral(v);
        String sub = user.map(StoredUser::sub).orElse(null);
        String secretBlock = pool.challenges().open(
                SrpChallenges.Pending.of(userIdForSrp, sub, bigA, e.b(), e.B(), v, pool.now()));
        ObjectNode out = Shapes.JSON.objectNode();
        out.put("ChallengeName", "PASSWORD_VERIFIER");
        ObjectNode params = out.putObject("ChallengeParameters");
        params.put("SALT", salt.toString(16));
        params.put("SECRET_BLOCK", secretBlock);
        params.put("SRP_B", e.B().toString(16));
        params.put("USERNAME", userIdForSrp);
        params.put("USER_ID_FOR_SRP", userIdForSrp);
        return out;
    }

    /** The user whose password the answer proves, or NotAuthorizedException "Incorrect username or password.". */
    StoredUser answer(Map<String, String> responses) {
        String username = SignInOperations.param(responses, "USERNAME");
        String secretBlock = SignInOperations.param(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
        String signature = SignInOperations.param(responses, "PASSWORD_CLAIM_SIGNATURE");
        String timestamp = SignInOperations.param(responses, "TIMESTAMP");
        Instant now = pool.now();
        Instant claimed;
        try {
            claimed = LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw AwsJsonError.invalidParameter("TIMESTAMP format is invalid: expected e.g. "
                    + "'Mon Jan 1 00:00:00 UTC 2024'");
        }
        SrpChallenges.Found found = pool.challenges().take(secretBlock, now).orElseThrow(() -> {
            LOG.info("PASSWORD_VERIFIER refused: unknown, altered, expired or already answered SECRET_BLOCK");
            return SignInOperations.incorrect();
        });
        SrpChallenges.Pending p = found.pending();
        String lockoutKey = p.sub() != null ? p.sub() : SignInOperations.unknownLockoutKey(p.userIdForSrp());
        pool.lockout().check(lockoutKey, now);
        Instant clientNow = pool.signatureNow();
        long drift = Duration.between(claimed, clientNow).getSeconds();
        if (Math.abs(drift) > TIMESTAMP_WINDOW.getSeconds()) {
            String why = "the TIMESTAMP " + timestamp + " is " + Math.abs(drift) + " s "
                    + (drift > 0 ? "behind" : "ahead of") + " Gatehouse's " + (pool.signatureClock().equals(pool.clock())
                    ? "clock" : "real clock") + " (" + clientNow.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "; allowed: " + TIMESTAMP_WINDOW.getSeconds() + " s): fix the client's clock, or reset a"
                    + " simulated skew with ./gatehouse control client-skew 0";
            LOG.warn("PASSWORD_VERIFIER refused: {}", why);
            throw SignInOperations.incorrect().because("SRP_TIMESTAMP", why);
        }
        if (Srp.u(p.bigA(), p.bigB()).signum() == 0) {
            throw SignInOperations.incorrect();
        }
        byte[] key = p.key().get(); // Srp.passwordAuthenticationKey(A, v, b, B), begun at InitiateAuth
        byte[] expected = Srp.claimSignature(key, pool.poolSuffix(), p.userIdForSrp(), found.secretBlock(), timestamp);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw SignInOperations.incorrect();
        }
        if (!MessageDigest.isEqual(expected, given) || p.sub() == null) {
            pool.lockout().failed(lockoutKey, now);
            throw SignInOperations.incorrect();
        }
        pool.lockout().succeeded(lockoutKey);
        return pool.users().bySub(p.sub())
                .filter(u -> u.sub().equals(username) || u.email().equalsIgnoreCase(username))
                .orElseThrow(SignInOperations::incorrect);
    }
}
