package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** InitiateAuth and RespondToAuthChallenge: the public, unsigned sign-in flows. */
final class SignInOperations {
    static final List<String> AUTH_FLOWS = List.of("USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN",
            "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH");
    static final Set<String> CHALLENGE_NAMES = Set.of("SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA",
            "SELECT_MFA_TYPE", "MFA_SETUP", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "SELECT_CHALLENGE",
            "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH", "NEW_PASSWORD_REQUIRED", "SMS_OTP",
            "PASSWORD", "WEB_AUTHN", "PASSWORD_SRP");

    private final PoolState pool;
    private final PasswordVerifierChallenge srp;
    private final Sessions sessions;

    SignInOperations(PoolState pool) {
        this.pool = pool;
        this.sessions = new Sessions(pool);
        this.srp = new PasswordVerifierChallenge(pool);
    }

    ObjectNode initiateAuth(JsonNode body) {
        Input in = new Input(body);
        String flow = in.required("AuthFlow", null, 64);
        if (!AUTH_FLOWS.contains(flow)) {
            throw Input.error("Value '" + flow + "' at 'authFlow' failed to satisfy constraint: Member must satisfy "
                    + "enum value set: " + AUTH_FLOWS);
        }
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        Map<String, String> params = in.stringMap("AuthParameters");
        pool.checkClient(clientId);
        switch (flow) {
            case "USER_SRP_AUTH" -> {
                requireAllowed(flow);
                return srp.start(param(params, "USERNAME"), param(params, "SRP_A"));
            }
            case "USER_PASSWORD_AUTH" -> {
                requireAllowed(flow);
                String username = param(params, "USERNAME");
                String password = param(params, "PASSWORD");
                Optional<StoredUser> found = pool.users().byUsername(username);
                if (found.isEmpty()) {
                    // the same work as for a real user, so timing does not tell which users exist
                    PasswordVerifier.of(pool.poolSuffix(), username, password);
                    throw incorrect();
                }
                StoredUser user = found.filter(u -> PasswordVerifier.matches(u, pool.poolSuffix(), password))
                        .orElseThrow(SignInOperations::incorrect);
                return passwordVerified(user);
            }
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
                requireAllowed("REFRESH_TOKEN_AUTH");
                return sessions.refresh(param(params, "REFRESH_TOKEN"));
            }
            case "CUSTOM_AUTH" -> throw AwsJsonError.invalidParameter(
                    "Custom auth lambda trigger is not configured for the user pool.");
            default -> throw AwsJsonError.invalidParameter("Initiate Auth method not supported.");
        }
    }

    /**
     * AdminInitiateAuth (the caller was authorized): ADMIN_USER_PASSWORD_AUTH (and its old name ADMIN_NO_SRP_AUTH),
     * USER_SRP_AUTH, REFRESH_TOKEN_AUTH, each only when the app client allows it.
     */
    ObjectNode adminInitiateAuth(JsonNode body) {
        Input in = new Input(body);
        String flow = in.required("AuthFlow", null, 64);
        if (!AUTH_FLOWS.contains(flow)) {
            throw Input.error("Value '" + flow + "' at 'authFlow' failed to satisfy constraint: Member must satisfy "
                    + "enum value set: " + AUTH_FLOWS);
        }
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        Map<String, String> params = in.stringMap("AuthParameters");
        in.stringMap("ClientMetadata");
        pool.checkClient(clientId);
        switch (flow) {
            case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" -> {
                requireAllowed("ADMIN_USER_PASSWORD_AUTH");
                return passwordVerified(passwordUser(param(params, "USERNAME"), param(params, "PASSWORD")));
            }
            case "USER_SRP_AUTH" -> {
                requireAllowed(flow);
                return srp.start(param(params, "USERNAME"), param(params, "SRP_A"));
            }
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
                requireAllowed("REFRESH_TOKEN_AUTH");
                return sessions.refresh(param(params, "REFRESH_TOKEN"));
            }
            case "CUSTOM_AUTH" -> throw AwsJsonError.invalidParameter(
                    "Custom auth lambda trigger is not configured for the user pool.");
            default -> throw AwsJsonError.invalidParameter("Initiate Auth method not supported.");
        }
    }

    /** The user whose password this is, or "Incorrect username or password." (same work for unknown users). */
    private StoredUser passwordUser(String username, String password) {
        Optional<StoredUser> found = pool.users().byUsername(username);
        if (found.isEmpty()) {
            // the same work as for a real user, so timing does not tell which users exist
            PasswordVerifier.of(pool.poolSuffix(), username, password);
            throw incorrect();
        }
        return found.filter(u -> PasswordVerifier.matches(u, pool.poolSuffix(), password))
                .orElseThrow(SignInOperations::incorrect);
    }

    ObjectNode respondToAuthChallenge(JsonNode body) {
        Input in = new Input(body);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        String challenge = in.required("ChallengeName", null, 64);
        if (!CHALLENGE_NAMES.contains(challenge)) {
            throw Input.error("Value '" + challenge + "' at 'challengeName' failed to satisfy constraint: Member "
                    + "must satisfy enum value set: " + CHALLENGE_NAMES.stream().sorted().toList());
        }
        Map<String, String> responses = in.stringMap("ChallengeResponses");
        String session = in.optional("Session", null, 2048).orElse(null);
        pool.checkClient(clientId);
        return switch (challenge) {
            case "PASSWORD_VERIFIER" -> passwordVerified(srp.answer(responses));
            case "NEW_PASSWORD_REQUIRED" -> newPassword(responses, session);
            default -> throw AwsJsonError.invalidParameter("Challenge " + challenge + " is not supported.");
        };
    }

    /** What follows a proven password: refusal for disabled or unconfirmed users, a new password, or tokens. */
    private ObjectNode passwordVerified(StoredUser user) {
        if (!user.enabled()) {
            throw AwsJsonError.notAuthorized("User is disabled.");
        }
        if (StoredUser.UNCONFIRMED.equals(user.status())) {
            throw new AwsJsonError("UserNotConfirmedException", "User is not confirmed.");
        }
        if (StoredUser.RESET_REQUIRED.equals(user.status())) {
            throw AccessTokens.passwordResetRequired();
        }
        if (StoredUser.FORCE_CHANGE_PASSWORD.equals(user.status())) {
            ObjectNode out = Shapes.JSON.objectNode();
            out.put("ChallengeName", "NEW_PASSWORD_REQUIRED");
            out.put("Session", pool.newPasswordSessions().open(user.sub(), pool.now()));
            ObjectNode params = out.putObject("ChallengeParameters");
            params.put("USER_ID_FOR_SRP", user.sub());
            params.put("requiredAttributes", "[]");
            ObjectNode attributes = Shapes.JSON.objectNode();
            user.attributes().forEach(attributes::put);
            params.put("userAttributes", attributes.toString());
            return out;
        }
        return sessions.signIn(user);
    }

    private ObjectNode newPassword(Map<String, String> responses, String session) {
        String username = param(responses, "USERNAME");
        String newPassword = param(responses, "NEW_PASSWORD");
        if (session == null) {
            throw AwsJsonError.invalidParameter("Missing required parameter Session");
        }
        PasswordPolicy.check(newPassword);
        String sub = pool.newPasswordSessions().take(session, pool.now())
                .orElseThrow(() -> AwsJsonError.notAuthorized("Invalid session for the user, session is expired."));
        synchronized (pool.users()) {
            StoredUser user = pool.users().bySub(sub)
                    .filter(u -> u.sub().equals(username) || u.email().equalsIgnoreCase(username))
                    .orElseThrow(() -> AwsJsonError.notAuthorized("Invalid session for the user."));
            PasswordVerifier pv = PasswordVerifier.of(pool.poolSuffix(), sub, newPassword);
            StoredUser changed = user.withPassword(pv, StoredUser.CONFIRMED, pool.now());
            for (Map.Entry<String, String> r : responses.entrySet()) {
                if (r.getKey().startsWith("userAttributes.")) {
                    String name = r.getKey().substring("userAttributes.".length());
                    if (!SignUpOperations.STANDARD_ATTRIBUTES.contains(name) || name.startsWith("email")) {
                        throw AwsJsonError.invalidParameter("Attribute does not exist in the schema.");
                    }
                    changed = changed.withAttribute(name, r.getValue(), pool.now());
                }
            }
            pool.users().put(changed);
            return passwordVerified(changed);
        }
    }

    private void requireAllowed(String flow) {
        List<String> allowed = pool.config().allowedAuthFlows();
        if (!allowed.contains(flow) && !allowed.contains("ALLOW_" + flow)) {
            throw AwsJsonError.invalidParameter(flow + " flow not enabled for this client");
        }
    }

    static String param(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw AwsJsonError.invalidParameter("Missing required parameter " + name);
        }
        return v;
    }

    static AwsJsonError incorrect() {
        return AwsJsonError.notAuthorized("Incorrect username or password.");
    }

    static BigInteger hex(String name, String value) {
        try {
            return new BigInteger(value, 16);
        } catch (NumberFormatException e) {
            throw AwsJsonError.invalidParameter(name + " must be a hexadecimal number");
        }
    }
}
