package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.util.regex.Pattern;

/**
 * The operations a signed-in user authorizes with their access token (checked by {@link AccessTokens}): GetUser,
 * ChangePassword, UpdateUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute, DeleteUser.
 */
final class UserOperations {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r ]+");
    private final PoolState pool;
    private final AccessTokens accessTokens;
    private final AttributeUpdates attributes;

    UserOperations(PoolState pool) {
        this.pool = pool;
        this.accessTokens = new AccessTokens(pool);
        this.attributes = new AttributeUpdates(pool);
    }

    ObjectNode getUser(JsonNode body) {
        StoredUser user = accessTokens.verify(body).user();
        ObjectNode out = Shapes.JSON.objectNode();
        out.set("UserAttributes", Shapes.attributes(user));
        out.put("Username", user.sub());
        return out;
    }

    /**
     * Proves the previous password and sets the proposed one. The user's tokens stay valid, as on AWS (GlobalSignOut
     * ends them).
     */
    ObjectNode changePassword(JsonNode body) {
        Input in = new Input(body);
        String previous = in.optional("PreviousPassword", SignUpOperations.PASSWORD, 256).orElse(null);
        String proposed = in.required("ProposedPassword", SignUpOperations.PASSWORD, 256);
        StoredUser user = accessTokens.verify(body).user();
        if (previous == null) {
            throw AwsJsonError.invalidParameter("Missing required parameter PreviousPassword");
        }
        synchronized (pool.users()) {
            StoredUser current = pool.users().bySub(user.sub()).orElseThrow(AdminOperations::userNotFound);
            if (!PasswordVerifier.matches(current, pool.poolSuffix(), previous)) {
                throw SignInOperations.incorrect();
            }
            PasswordPolicy.check(proposed);
            PasswordVerifier pv = PasswordVerifier.of(pool.poolSuffix(), current.sub(), proposed);
            pool.users().put(current.withPassword(pv, current.status(), pool.now()));
        }
        return Shapes.JSON.objectNode();
    }

    ObjectNode updateUserAttributes(JsonNode body) {
        Input in = new Input(body);
        java.util.Map<String, String> given = in.attributes("UserAttributes");
        in.stringMap("ClientMetadata");
        StoredUser user = accessTokens.verify(body).user();
        ArrayNode deliveries = attributes.update(user, given, false);
        ObjectNode out = Shapes.JSON.objectNode();
        if (!deliveries.isEmpty()) {
            out.set("CodeDeliveryDetailsList", deliveries);
        }
        return out;
    }

    ObjectNode getUserAttributeVerificationCode(JsonNode body) {
        Input in = new Input(body);
        String attribute = in.required("AttributeName", ATTRIBUTE_NAME, 32);
        in.stringMap("ClientMetadata");
        StoredUser user = accessTokens.verify(body).user();
        ObjectNode out = Shapes.JSON.objectNode();
        out.set("CodeDeliveryDetails", attributes.sendVerificationCode(user, attribute));
        return out;
    }

    ObjectNode verifyUserAttribute(JsonNode body) {
        Input in = new Input(body);
        String attribute = in.required("AttributeName", ATTRIBUTE_NAME, 32);
        String code = in.required("Code", Input.NON_BLANK, 2048);
        StoredUser user = accessTokens.verify(body).user();
        attributes.verify(user, attribute, code);
        return Shapes.JSON.objectNode();
    }

    /** Deletes the signed-in user and every sign-in session of theirs. */
    ObjectNode deleteUser(JsonNode body) {
        StoredUser user = accessTokens.verify(body).user();
        pool.users().delete(user.sub());
        return Shapes.JSON.objectNode();
    }
}
