package dev.gatehouse.emulator.lambda.runtime;

import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;

import java.time.Duration;
import java.util.function.Function;

/**
 * The execution role every function's environment gets credentials of (temporary, from Gatehouse's credential store,
 * as Lambda's from STS). They are not a Cognito identity's: they carry no execute-api:Invoke policy. An environment
 * is retired before they expire, so a new one gets fresh credentials (renewal).
 */
public final class ExecutionRole {
    public static final String ROLE_NAME = "gatehouse-lambda-execution-role";
    public static final String ROLE_ID = "AROAGATEHOUSELAMBDA1";
    static final Duration LIFETIME = Duration.ofHours(6);

    private ExecutionRole() {
    }

    /** Issues the role's credentials from the store, valid for {@link #LIFETIME} by the store's clock. */
    public static Function<String, Credentials> issuer(String accountId, CredentialStore store) {
        Principal.AssumedRole role = new Principal.AssumedRole(accountId, ROLE_NAME, ROLE_ID, null);
        return functionName -> store.issue(role, LIFETIME);
    }
}
