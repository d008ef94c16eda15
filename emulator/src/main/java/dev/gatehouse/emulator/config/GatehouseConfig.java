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
        List<User> users) {

    /**
     * @param stage {@code $default} or a stage name (then every path starts with {@code /<stage>})
     * @param cors  the API's CORS configuration, or null (then API Gateway adds no CORS headers, answers no preflight)
     */
    public record Api(String apiId, String stage, Cors cors) {
        public Api(String apiId, String stage) {
            this(apiId, stage, null);
        }

        public boolean defaultStage() {
            return "$default".equals(stage);
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
                        Map<String, String> environment) {
        public boolean iamAuthorized() {
            return "AWS_IAM".equals(authorization);
        }
    }

    public record Key(String name, String type) {
    }

    /** @param seed optional file of items (DynamoDB JSON or plain JSON objects), resolved against the config file */
    public record Table(String name, Key partitionKey, Key sortKey, Path seed) {
    }

    public record UserPool(String id, String name, String clientId, List<String> allowedAuthFlows,
                           int idTokenMinutes, int accessTokenMinutes, int refreshTokenDays) {
        /** {@code cognito-idp.<region>.amazonaws.com/<poolId>}: the key of the identity pool's Logins map. */
        public String providerName(String region) {
            return "cognito-idp." + region + ".amazonaws.com/" + id;
        }

        /** {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}: the tokens' {@code iss}. */
        public String issuer(String region) {
            return "https://" + providerName(region);
        }
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
