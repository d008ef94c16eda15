package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The operations a signed-in user authorizes with their access token (see {@link AccessTokens}). */
final class UserOperations {
    private final PoolState pool;
    private final AccessTokens accessTokens;

    UserOperations(PoolState pool) {
        this.pool = pool;
        this.accessTokens = new AccessTokens(pool);
    }

    ObjectNode getUser(JsonNode body) {
        StoredUser user = accessTokens.verify(body).user();
        ObjectNode out = Shapes.JSON.objectNode();
        out.set("UserAttributes", Shapes.attributes(user));
        out.put("Username", user.sub());
        return out;
    }
}
