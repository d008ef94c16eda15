package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** SignUp, ConfirmSignUp and ResendConfirmationCode: the public, unsigned sign-up flow. Email is the username. */
final class SignUpOperations {
    static final Pattern PASSWORD = Pattern.compile("[\\S]+(.*[\\S]+)?");
    /** How long a sign-up or attribute verification code is good. */
    static final Duration CODE_LIFETIME = ConfirmationCodes.Purpose.SIGN_UP.lifetime;
    static final Set<String> STANDARD_ATTRIBUTES = Set.of("address", "birthdate", "email", "email_verified",
            "family_name", "gender", "given_name", "locale", "middle_name", "name", "nickname", "phone_number",
            "phone_number_verified", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo");

    private final PoolState pool;

    SignUpOperations(PoolState pool) {
        this.pool = pool;
    }

    ObjectNode signUp(JsonNode body) {
        Input in = new Input(body);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        String username = in.required("Username", Input.USERNAME, 128);
        String password = in.required("Password", PASSWORD, 256);
        Map<String, String> attributes = in.attributes("UserAttributes");
        pool.checkClient(clientId);
        String email = requireEmailUsername(username);
        PasswordPolicy.check(password);
        Map<String, String> stored = ownAttributes(attributes, email);
        stored.put("email_verified", "false");
        synchronized (pool.users()) {
            if (pool.users().byEmail(email).isPresent()) {
                throw usernameExists();
            }
            String sub = UUID.randomUUID().toString();
            Instant now = pool.now();
            PasswordVerifier pv = PasswordVerifier.of(pool.poolSuffix(), sub, password);
            pool.codes().issue(sub, email, ConfirmationCodes.Purpose.SIGN_UP, Outbox.Kind.SIGN_UP, now);
            pool.users().put(new StoredUser(sub, email, stored, StoredUser.UNCONFIRMED, true, pv.salt(),
                    pv.verifier(), now, now, null, null));
            ObjectNode out = Shapes.JSON.objectNode();
            out.put("UserConfirmed", false);
            out.set("CodeDeliveryDetails", Shapes.emailDelivery(email));
            out.put("UserSub", sub);
            return out;
        }
    }

    /**
     * Confirms with the code sent at sign-up (or resent): CodeMismatchException, ExpiredCodeException and, after too
     * many wrong codes, TooManyFailedAttemptsException; an unknown user per {@link ExistenceErrors}.
     */
    ObjectNode confirmSignUp(JsonNode body) {
        Input in = new Input(body);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        String username = in.required("Username", Input.USERNAME, 128);
        String code = in.required("ConfirmationCode", Input.NON_BLANK, 2048);
        pool.checkClient(clientId);
        Instant now = pool.now();
        synchronized (pool.users()) {
            Optional<StoredUser> found = pool.users().byUsername(username);
            if (found.isEmpty() || !found.get().enabled() && pool.existence().hidden()) {
                if (!pool.existence().hidden()) {
                    throw pool.existence().unknownUser();
                }
                throw pool.codes().refuse(subject(found, username), ConfirmationCodes.Purpose.SIGN_UP, now);
            }
            StoredUser user = found.get();
            if (!StoredUser.UNCONFIRMED.equals(user.status())) {
                throw AwsJsonError.notAuthorized("User cannot be confirmed. Current status is " + user.status());
            }
            pool.codes().verify(user.sub(), ConfirmationCodes.Purpose.SIGN_UP, code, now);
            pool.users().put(user.withAttribute("email_verified", "true", now).withStatus(StoredUser.CONFIRMED, now));
            return Shapes.JSON.objectNode();
        }
    }

    /**
     * Sends a new sign-up code ({@code RESEND} in the outbox) to an unconfirmed user; InvalidParameterException for a
     * confirmed one; an unknown or disabled user per {@link ExistenceErrors}; LimitExceededException after too many
     * codes in an hour.
     */
    ObjectNode resendConfirmationCode(JsonNode body) {
        Input in = new Input(body);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        String username = in.required("Username", Input.USERNAME, 128);
        pool.checkClient(clientId);
        Instant now = pool.now();
        ObjectNode out = Shapes.JSON.objectNode();
        synchronized (pool.users()) {
            Optional<StoredUser> found = pool.users().byUsername(username);
            if (found.isEmpty() || !found.get().enabled()) {
                if (!pool.existence().hidden()) {
                    throw found.isEmpty() ? pool.existence().unknownUser() : AwsJsonError.notAuthorized("User is "
                            + "disabled.");
                }
                pool.codes().simulateIssue(subject(found, username), ConfirmationCodes.Purpose.SIGN_UP, now);
                out.set("CodeDeliveryDetails", ExistenceErrors.simulatedDelivery(username));
                return out;
            }
            StoredUser user = found.get();
            if (!StoredUser.UNCONFIRMED.equals(user.status())) {
                throw AwsJsonError.invalidParameter("User is already confirmed.");
            }
            pool.codes().issue(user.sub(), user.email(), ConfirmationCodes.Purpose.SIGN_UP, Outbox.Kind.RESEND, now);
            out.set("CodeDeliveryDetails", Shapes.emailDelivery(user.email()));
            return out;
        }
    }

    /** Whose attempts an answer for a hidden user counts against: the user's, or the unknown username's. */
    static String subject(Optional<StoredUser> found, String username) {
        return found.map(StoredUser::sub).orElseGet(() -> ExistenceErrors.subject(username));
    }

    /** With email as the username attribute, Cognito wants an email where a username goes. */
    static String requireEmailUsername(String username) {
        if (!Input.EMAIL.matcher(username).matches()) {
            throw AwsJsonError.invalidParameter("Username should be an email.");
        }
        return username;
    }

    /** The attributes a client may set; {@code email} always equals the username, {@code sub} is the pool's. */
    static Map<String, String> ownAttributes(Map<String, String> given, String email) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> a : given.entrySet()) {
            String name = a.getKey();
            if (name.equals("sub")) {
                throw AwsJsonError.invalidParameter("Cannot modify the non-mutable attribute sub");
            }
            if (!STANDARD_ATTRIBUTES.contains(name)) {
                throw AwsJsonError.invalidParameter("Attribute does not exist in the schema.");
            }
            if (name.equals("email") && !a.getValue().equalsIgnoreCase(email)) {
                if (!Input.EMAIL.matcher(a.getValue()).matches()) {
                    throw AwsJsonError.invalidParameter("Invalid email address format.");
                }
            }
            if (!name.equals("email") && !name.equals("email_verified")) {
                out.put(name, a.getValue());
            }
        }
        out.put("email", email);
        return out;
    }

    static AwsJsonError usernameExists() {
        return new AwsJsonError("UsernameExistsException", "An account with the given email already exists.");
    }
}
