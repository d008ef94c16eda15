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
     * @param cors  the API's CORS configuration, or null (then API Gateway adds no CORS headers, answers no preflight)
     */
    public record Api(String apiId, String stage, Type type, Cors cors) {
        public enum Type { HTTP, REST }

        /** An HTTP API without CORS. */
        public Api(String apiId, String stage) {
            this(apiId, stage, Type.HTTP, null);
        }

        public Api(String apiId, String stage, Type type) {
            this(apiId, stage, type, null);
        }

        /** An HTTP API. */
        public Api(String apiId, String stage, Cors cors) {
            this(apiId, stage, Type.HTTP, cors);
        }

        public boolean defaultStage() {
            return "$default".equals(stage);
        }

        public boolean rest() {
            return type == Type.REST;
        }
    }

    /**
     * An HTTP API's CORS configuration, as {@code AWS::ApiGatewayV2::Api CorsConfiguration}.
     *
     * @param allowOrigins  {@code *}, {@code https://*}, {@code http://*} or exact origins ({@code https://example.com})
     * @param allowMethods  methods or {@code *}
     * @param allowHeaders  request header names or {@code *}
     * @param exposeHeaders response header names or {@code *}
     * @param maxAge        seconds a browser may cache a preflight answer, or null (no {@code Access-Control-Max-Age})
     */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
        public Cors {
            allowOrigins = List.copyOf(allowOrigins);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
        }
    }

    public record FunctionDefaults(int timeoutSeconds, int memorySizeMb, Map<String, String> environment) {
    }

    /**
     * @param routeKey      {@code "METHOD /path/{param}"}, {@code "ANY /path/{proxy+}"} or {@code "$default"}
     * @param handler       fully qualified class name, optionally {@code ::method} (as Lambda's handler setting)
     * @param authorization {@code AWS_IAM} or {@code NONE}
     * @param environment   the function's environment: the defaults overlaid with the route's own
     */
    public record Route(String routeKey, String handler, String authorization, int timeoutSeconds, int memorySizeMb,
                        Map<String, String> environment, Code code) {
        /** A Java handler on Gatehouse's classpath, run in process (the default). */
        public Route(String routeKey, String handler, String authorization, int timeoutSeconds, int memorySizeMb,
                     Map<String, String> environment) {
            this(routeKey, handler, authorization, timeoutSeconds, memorySizeMb, environment, Code.IN_PROCESS_JAVA);
        }

        public boolean iamAuthorized() {
            return "AWS_IAM".equals(authorization);
        }
    }

    /**
     * Where and how a route's function runs.
     *
     * @param runtime             Lambda's runtime identifier: {@code java17} (default), {@code java21},
     *                            {@code nodejs18.x}/{@code 20.x}/{@code 22.x}, {@code python3.x},
     *                            {@code provided.al2023}/{@code provided.al2}
     * @param codeUri             the function's code (absolute, resolved against the configuration file): a folder;
     *                            for Java also a jar or a Maven module folder, loaded in process in a class loader of
     *                            its own (see {@code lambda.CodeLocation}); null for a Java handler on Gatehouse's
     *                            own classpath
     * @param reservedConcurrency at most this many execution environments (invocations at once) for the function
     * @param isolation           {@code in-process} (Java only, the default for Java) or {@code process} (one process
     *                            per execution environment, through the Lambda Runtime API; always for other runtimes)
     */
    public record Code(String runtime, Path codeUri, int reservedConcurrency, String isolation) {
        public static final int DEFAULT_RESERVED_CONCURRENCY = 10;
        public static final Code IN_PROCESS_JAVA = new Code("java17", null, DEFAULT_RESERVED_CONCURRENCY, "in-process");

        public boolean inProcess() {
            return "in-process".equals(isolation);
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
     * @param preventUserExistenceErrors                the app client's {@code PreventUserExistenceErrors}:
     *                                                  {@code "LEGACY"} (the default, as for a client CloudFormation
     *                                                  creates without the property) or {@code "ENABLED"}
     */
    public record UserPool(String id, String name, String clientId, List<String> allowedAuthFlows,
                           int idTokenMinutes, int accessTokenMinutes, int refreshTokenDays,
                           RefreshTokenRotation refreshTokenRotation,
                           List<String> attributesRequireVerificationBeforeUpdate,
                           String preventUserExistenceErrors) {
        public static final String LEGACY = "LEGACY";
        public static final String ENABLED = "ENABLED";

        public UserPool {
            refreshTokenRotation = refreshTokenRotation == null ? RefreshTokenRotation.DISABLED : refreshTokenRotation;
            attributesRequireVerificationBeforeUpdate = attributesRequireVerificationBeforeUpdate == null
                    ? List.of() : List.copyOf(attributesRequireVerificationBeforeUpdate);
            preventUserExistenceErrors = preventUserExistenceErrors == null ? LEGACY : preventUserExistenceErrors;
        }

        /** With preventUserExistenceErrors LEGACY (the default). */
        public UserPool(String id, String name, String clientId, List<String> allowedAuthFlows, int idTokenMinutes,
                        int accessTokenMinutes, int refreshTokenDays, RefreshTokenRotation refreshTokenRotation,
                        List<String> attributesRequireVerificationBeforeUpdate) {
            this(id, name, clientId, allowedAuthFlows, idTokenMinutes, accessTokenMinutes, refreshTokenDays,
                    refreshTokenRotation, attributesRequireVerificationBeforeUpdate, LEGACY);
        }

        /** A pool with the defaults for refresh-token rotation (off), attribute updates and existence errors. */
        public UserPool(String id, String name, String clientId, List<String> allowedAuthFlows, int idTokenMinutes,
                        int accessTokenMinutes, int refreshTokenDays) {
            this(id, name, clientId, allowedAuthFlows, idTokenMinutes, accessTokenMinutes, refreshTokenDays, null,
                    null, LEGACY);
        }

        /** True when the client hides whether a user exists ({@code preventUserExistenceErrors: "ENABLED"}). */
        public boolean preventsUserExistenceErrors() {
            return ENABLED.equals(preventUserExistenceErrors);
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
