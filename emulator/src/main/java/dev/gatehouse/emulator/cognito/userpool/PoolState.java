package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.time.Clock;
import java.time.Instant;

/**
 * Everything the pool's operations share.
 *
 * @param clock          the time that ages tokens, codes, sessions and lockouts
 * @param signatureClock the time a client's SRP TIMESTAMP is compared with (the real time, or a simulated skew)
 */
record PoolState(GatehouseConfig.UserPool config, String region, String accountId, Clock clock, Clock signatureClock,
                 UserStore users, TokenIssuer tokens, SrpChallenges challenges, NewPasswordSessions newPasswordSessions,
                 ConfirmationCodes codes, SignInLockout lockout, DecoyUsers decoys) {

    /** What the public operations answer for a username nobody has ({@code preventUserExistenceErrors}). */
    ExistenceErrors existence() {
        return ExistenceErrors.of(config);
    }

    /** The part of the pool id after {@code _}: the SRP "pool name". */
    String poolSuffix() {
        return config.id().substring(config.id().indexOf('_') + 1);
    }

    Instant now() {
        return clock.instant();
    }

    /** What a client's clock should read now: its SRP TIMESTAMP is checked against this. */
    Instant signatureNow() {
        return signatureClock.instant();
    }

    String poolArn() {
        return "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + config.id();
    }

    /** ResourceNotFoundException unless {@code clientId} is the pool's app client. */
    void checkClient(String clientId) {
        if (!config.clientId().equals(clientId)) {
            throw new AwsJsonError("ResourceNotFoundException", "User pool client " + clientId + " does not exist.");
        }
    }

    /** ResourceNotFoundException unless {@code poolId} is this pool. */
    void checkPool(String poolId) {
        if (!config.id().equals(poolId)) {
            throw new AwsJsonError("ResourceNotFoundException", "User pool " + poolId + " does not exist.");
        }
    }
}
