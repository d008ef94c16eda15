package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.util.Locale;

/**
 * The app client's {@code PreventUserExistenceErrors} ("Managing user existence error responses"), in one place: what
 * each public operation answers for a username nobody has. {@code LEGACY} (the default, as for a client CloudFormation
 * creates without the property) names the missing user; {@code ENABLED} answers as for a real user who got it wrong:
 * <ul>
 *   <li>sign-in ({@code InitiateAuth}, {@code AdminInitiateAuth}): NotAuthorizedException "Incorrect username or
 *       password." (SRP: a decoy challenge first, see {@link PasswordVerifierChallenge});</li>
 *   <li>{@code ForgotPassword}, {@code ResendConfirmationCode}: a simulated {@code CodeDeliveryDetails}, also for a
 *       disabled user or (ForgotPassword) one without a verified email;</li>
 *   <li>{@code ConfirmForgotPassword}, {@code ConfirmSignUp}: CodeMismatchException, also for a disabled user.</li>
 * </ul>
 * Operations use {@link #unknownUser}, {@link #hidden()} and {@link #subject} rather than deciding themselves.
 */
record ExistenceErrors(boolean hidden) {

    static ExistenceErrors of(GatehouseConfig.UserPool config) {
        return new ExistenceErrors(config.preventsUserExistenceErrors());
    }

    /** LEGACY's answer for an unknown user at sign-in: UserNotFoundException "User does not exist.". */
    static AwsJsonError userDoesNotExist() {
        return new AwsJsonError("UserNotFoundException", "User does not exist.");
    }

    /** LEGACY's answer for an unknown user at the code operations. */
    static AwsJsonError usernameClientNotFound() {
        return new AwsJsonError("UserNotFoundException", "Username/client id combination not found.");
    }

    /** At sign-in: NotAuthorizedException "Incorrect username or password." (ENABLED) or UserNotFoundException. */
    AwsJsonError unknownUserAtSignIn() {
        return hidden ? SignInOperations.incorrect() : userDoesNotExist();
    }

    /** At the code operations (LEGACY only; ENABLED simulates instead). */
    AwsJsonError unknownUser() {
        return usernameClientNotFound();
    }

    /**
     * The key under which an unknown username's attempts are counted (lockout, code limits), so that it meets the same
     * limits as a real user's {@code sub}.
     */
    static String subject(String username) {
        return "unknown:" + username.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code CodeDeliveryDetails} for a username nobody has: with email as the username, the medium is EMAIL and the
     * destination the masked username, exactly as a real user's.
     */
    static ObjectNode simulatedDelivery(String username) {
        String name = username.indexOf('@') > 0 && username.indexOf('@') < username.length() - 1 ? username
                : username + "@" + username;
        return Shapes.emailDelivery(name);
    }
}
