package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The signed {@code Admin*} operations. Only an IAM user's long-term credentials (the developer's) may call them:
 * unsigned calls get MissingAuthenticationTokenException, any other principal AccessDeniedException.
 */
final class AdminOperations {
    private final PoolState pool;

    AdminOperations(PoolState pool) {
        this.pool = pool;
    }

    /** Refuses the call unless it was signed by an IAM user; then checks the UserPoolId. */
    void authorize(String operation, JsonNode body, AwsJsonCall call) {
        Credentials signer = call.signer().orElseThrow(
                () -> new AwsJsonError("MissingAuthenticationTokenException", "Missing Authentication Token"));
        if (!(signer.principal() instanceof Principal.IamUser)) {
            throw new AwsJsonError("AccessDeniedException", "User: " + signer.principal().arn()
                    + " is not authorized to perform: cognito-idp:" + operation + " on resource: " + pool.poolArn());
        }
        pool.checkPool(new Input(body).required("UserPoolId", Input.USER_POOL_ID, 55));
    }

    ObjectNode createUser(JsonNode body) {
        Input in = new Input(body);
        String email = SignUpOperations.requireEmailUsername(in.required("Username", Input.USERNAME, 128));
        Map<String, String> attributes = SignUpOperations.ownAttributes(in.attributes("UserAttributes"), email);
        String verified = in.attributes("UserAttributes").get("email_verified");
        attributes.put("email_verified", "true".equalsIgnoreCase(verified) ? "true" : "false");
        in.optional("MessageAction", java.util.regex.Pattern.compile("RESEND|SUPPRESS"), 10);
        String temporary = in.optional("TemporaryPassword", SignUpOperations.PASSWORD, 256)
                .orElseGet(AdminOperations::generatedPassword);
        PasswordPolicy.check(temporary);
        synchronized (pool.users()) {
            if (pool.users().byEmail(email).isPresent()) {
                throw SignUpOperations.usernameExists();
            }
            String sub = UUID.randomUUID().toString();
            Instant now = pool.now();
            PasswordVerifier pv = PasswordVerifier.of(pool.poolSuffix(), sub, temporary);
            StoredUser user = new StoredUser(sub, email, attributes, StoredUser.FORCE_CHANGE_PASSWORD, true,
                    pv.salt(), pv.verifier(), now, now, null, null);
            pool.users().put(user);
            ObjectNode out = Shapes.JSON.objectNode();
            out.set("User", Shapes.userType(user, "Attributes"));
            return out;
        }
    }

    ObjectNode setUserPassword(JsonNode body) {
        Input in = new Input(body);
        String username = in.required("Username", Input.USERNAME, 128);
        String password = in.required("Password", SignUpOperations.PASSWORD, 256);
        boolean permanent = in.optionalBoolean("Permanent").orElse(false);
        synchronized (pool.users()) {
            StoredUser user = existing(username);
            PasswordPolicy.check(password);
            PasswordVerifier pv = PasswordVerifier.of(pool.poolSuffix(), user.sub(), password);
            String status = permanent ? StoredUser.CONFIRMED : StoredUser.FORCE_CHANGE_PASSWORD;
            pool.users().put(user.withPassword(pv, status, pool.now()));
            return Shapes.JSON.objectNode();
        }
    }

    ObjectNode confirmSignUp(JsonNode body) {
        String username = new Input(body).required("Username", Input.USERNAME, 128);
        synchronized (pool.users()) {
            StoredUser user = existing(username);
            if (!StoredUser.UNCONFIRMED.equals(user.status())) {
                throw AwsJsonError.notAuthorized("User cannot be confirmed. Current status is " + user.status());
            }
            pool.users().put(user.withStatus(StoredUser.CONFIRMED, pool.now()));
            return Shapes.JSON.objectNode();
        }
    }

    ObjectNode getUser(JsonNode body) {
        StoredUser user = existing(new Input(body).required("Username", Input.USERNAME, 128));
        ObjectNode out = Shapes.userType(user, "UserAttributes");
        return out;
    }

    ObjectNode deleteUser(JsonNode body) {
        synchronized (pool.users()) {
            StoredUser user = existing(new Input(body).required("Username", Input.USERNAME, 128));
            pool.users().delete(user.sub());
            return Shapes.JSON.objectNode();
        }
    }

    /**
     * AdminResetUserPassword: the user's status becomes RESET_REQUIRED (sign-in, refresh and access-token operations
     * then answer PasswordResetRequiredException) and a code goes to their verified email.
     */
    ObjectNode resetUserPassword(JsonNode body) {
        new Input(body).stringMap("ClientMetadata");
        synchronized (pool.users()) {
            StoredUser user = existingUser(body);
            if (!"true".equals(user.attributes().get("email_verified"))) {
                throw AwsJsonError.invalidParameter("Cannot reset password for the user as there is no "
                        + "registered/verified email or phone_number");
            }
            pool.users().put(user.withStatus(StoredUser.RESET_REQUIRED, pool.now()));
            pool.codes().send(user.email(), Outbox.Kind.ADMIN_RESET);
            return Shapes.JSON.objectNode();
        }
    }

    /** AdminUpdateUserAttributes: as UpdateUserAttributes, and {@code email_verified} may be set. */
    ObjectNode updateUserAttributes(JsonNode body) {
        Input in = new Input(body);
        java.util.Map<String, String> given = in.attributes("UserAttributes");
        in.stringMap("ClientMetadata");
        new AttributeUpdates(pool).update(existingUser(body), given, true);
        return Shapes.JSON.objectNode();
    }

    /** Disables the user and revokes all of their tokens. */
    ObjectNode disableUser(JsonNode body) {
        setEnabled(existing(new Input(body).required("Username", Input.USERNAME, 128)).sub(), false);
        return Shapes.JSON.objectNode();
    }

    ObjectNode enableUser(JsonNode body) {
        setEnabled(existing(new Input(body).required("Username", Input.USERNAME, 128)).sub(), true);
        return Shapes.JSON.objectNode();
    }

    void setEnabled(String sub, boolean enabled) {
        synchronized (pool.users()) {
            StoredUser user = pool.users().bySub(sub).orElseThrow(AdminOperations::userNotFound);
            pool.users().put(user.withEnabled(enabled, pool.now()));
            if (!enabled) {
                pool.users().revokeSessions(sub);
            }
        }
    }

    /** The user named by the request's {@code Username}, or UserNotFoundException. */
    StoredUser existingUser(JsonNode body) {
        return existing(new Input(body).required("Username", Input.USERNAME, 128));
    }

    private StoredUser existing(String username) {
        return pool.users().byUsername(username).orElseThrow(AdminOperations::userNotFound);
    }

    static AwsJsonError userNotFound() {
        return new AwsJsonError("UserNotFoundException", "User does not exist.");
    }

    /** A temporary password meeting the default policy, when AdminCreateUser gives none (never logged). */
    private static String generatedPassword() {
        return "Tmp-" + java.util.HexFormat.of().formatHex(Srp.randomBytes(8)) + "aA1!";
    }
}
