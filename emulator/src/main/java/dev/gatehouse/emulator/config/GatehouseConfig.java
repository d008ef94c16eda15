package dev.gatehouse.emulator.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, validated: {@link ConfigLoader} builds it from {@code fixtures/gatehouse.json} (or another
 * file) and refuses a file with any error, naming the file, the field and what is expected.
 */
public record GatehouseConfig(
        Path source,
        String region,
        String accountId,
        Api api,
        FunctionDefaults functionDefaults,
        List<Route> routes,
        List<Table> tables,
        UserPool userPool,
        IdentityPool identityPool,
        Developer developer,
        List<User> users,
        Map<String, String> outputs) {

    /** @param outputs the stack's own outputs (a template's {@code Outputs}), served beside the standard ones */
    public GatehouseConfig {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(outputs));
    }

    /** A configuration without outputs of its own. */
    public GatehouseConfig(Path source, String region, String accountId, Api api, FunctionDefaults functionDefaults,
                           List<Route> routes, List<Table> tables, UserPool userPool, IdentityPool identityPool,
                           Developer developer, List<User> users) {
        this(source, region, accountId, api, functionDefaults, routes, tables, userPool, identityPool, developer, users,
                Map.of());
    }

    /**
     * @param stage {@code $default} or a stage name (then every path starts with {@code /<stage>}); a REST API always
     *              has a named stage
     * @param type  the API Gateway flavour: an HTTP API (payload 2.0) or a REST API (payload 1.0)
     */
    public record Api(String apiId, String stage, Type type) {
        public enum Type { HTTP, REST }

        /** An HTTP API. */
        public Api(String apiId, String stage) {
            this(apiId, stage, Type.HTTP);
        }

        public boolean defaultStage() {
            return "$default".equals(stage);
        }

        public boolean rest() {
            return type == Type.REST;
        }
    }

    public record FunctionDefaults(int timeoutSeconds, int memorySizeMb, Map<String, String> environment) {
    }

    /**
     * @param routeKey      {@code "METHOD /path/{param}"}, {@code "ANY /path/{proxy+}"} or {@code "$default"}
     * @param handler       fully qualified class name, optionally {@code ::method} (as Lambda's handler setting)
     * @param authorization {@code AWS_IAM} or {@code NONE}
     * @param environment   the function's environment: the defaults overlaid with the route's own
     * @param codeUri       where the handler's code is (a jar, a classes folder, or a Maven module folder), absolute;
     *                      null: Gatehouse's own classpath
     */
    public record Route(String routeKey, String handler, String authorization, int timeoutSeconds, int memorySizeMb,
                        Map<String, String> environment, Path codeUri) {
        /** A route whose handler is on Gatehouse's own classpath. */
        public Route(String routeKey, String handler, String authorization, int timeoutSeconds, int memorySizeMb,
                     Map<String, String> environment) {
            this(routeKey, handler, authorization, timeoutSeconds, memorySizeMb, environment, null);
        }

        public boolean iamAuthorized() {
            return "AWS_IAM".equals(authorization);
        }
    }

    public record Key(String name, String type) {
    }

    /**
     * @param seed                   optional file of items (DynamoDB JSON or plain JSON objects), resolved against the
     *                               config file
     * @param globalSecondaryIndexes each with its own partition key and optional sort key
     * @param localSecondaryIndexes  each with the table's partition key and its own sort key
     */
    public record Table(String name, Key partitionKey, Key sortKey, Path seed, List<Index> globalSecondaryIndexes,
                        List<Index> localSecondaryIndexes) {
        public Table {
            globalSecondaryIndexes = globalSecondaryIndexes == null ? List.of() : List.copyOf(globalSecondaryIndexes);
            localSecondaryIndexes = localSecondaryIndexes == null ? List.of() : List.copyOf(localSecondaryIndexes);
        }

        /** A table without secondary indexes. */
        public Table(String name, Key partitionKey, Key sortKey, Path seed) {
            this(name, partitionKey, sortKey, seed, List.of(), List.of());
        }
    }

    /**
     * A secondary index.
     *
     * @param projectionType   {@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE}
     * @param nonKeyAttributes the attributes an {@code INCLUDE} projection adds
     */
    public record Index(String name, Key partitionKey, Key sortKey, String projectionType,
                        List<String> nonKeyAttributes) {
        public Index {
            nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
        }
    }

    /**
     * @param refreshTokenRotation                      the app client's {@code RefreshTokenRotation} (default: disabled,
     *                                                  as a client created by CloudFormation without the property)
     * @param attributesRequireVerificationBeforeUpdate the pool's {@code UserAttributeUpdateSettings} (default: none,
     *                                                  as a pool created by CloudFormation without the property)
     */
    public record UserPool(String id, String name, String clientId, List<String> allowedAuthFlows,
                           int idTokenMinutes, int accessTokenMinutes, int refreshTokenDays,
                           RefreshTokenRotation refreshTokenRotation,
                           List<String> attributesRequireVerificationBeforeUpdate) {
        public UserPool {
            refreshTokenRotation = refreshTokenRotation == null ? RefreshTokenRotation.DISABLED : refreshTokenRotation;
            attributesRequireVerificationBeforeUpdate = attributesRequireVerificationBeforeUpdate == null
                    ? List.of() : List.copyOf(attributesRequireVerificationBeforeUpdate);
        }

        /** A pool with the defaults for refresh-token rotation (off) and attribute updates (no verification first). */
        public UserPool(String id, String name, String clientId, List<String> allowedAuthFlows, int idTokenMinutes,
                        int accessTokenMinutes, int refreshTokenDays) {
            this(id, name, clientId, allowedAuthFlows, idTokenMinutes, accessTokenMinutes, refreshTokenDays, null,
                    null);
        }

        /** {@code cognito-idp.<region>.amazonaws.com/<poolId>}: the key of the identity pool's Logins map. */
        public String providerName(String region) {
            return "cognito-idp." + region + ".amazonaws.com/" + id;
        }

        /** {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}: the tokens' {@code iss}. */
        public String issuer(String region) {
            return "https://" + providerName(region);
        }
    }

    /**
     * The app client's refresh-token rotation ({@code AWS::Cognito::UserPoolClient RefreshTokenRotation}).
     *
     * @param enabled                 {@code Feature: ENABLED}: GetTokensFromRefreshToken issues a new refresh token
     * @param retryGracePeriodSeconds 0..60: how long the replaced refresh token still works
     */
    public record RefreshTokenRotation(boolean enabled, int retryGracePeriodSeconds) {
        public static final RefreshTokenRotation DISABLED = new RefreshTokenRotation(false, 0);
    }

    /** @param policy an IAM policy document */
    public record Role(String name, String roleId, JsonNode policy) {
    }

    public record IdentityPool(String id, String name, boolean allowUnauthenticated, int credentialsMinutes,
                               Role authenticatedRole, Role unauthenticatedRole) {
    }

    public record Developer(String userName, String iamUserId, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Developer[" + userName + ", " + accessKeyId + "]";
        }
    }

    /** A test user created at start, confirmed, with a fixed {@code sub}. */
    public record User(String email, String password, String sub) {
        @Override
        public String toString() {
            return "User[" + email + ", sub " + sub + "]";
        }
    }
}
