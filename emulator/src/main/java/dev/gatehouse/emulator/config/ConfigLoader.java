package dev.gatehouse.emulator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.apigateway.RouteKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates Gatehouse's configuration. Every problem is reported at once, each as
 * {@code file:line: field: what is expected}; a file with any problem gives no configuration at all.
 */
public final class ConfigLoader {
    /** The default configuration, packaged from {@code fixtures/gatehouse.json}. */
    public static final String DEFAULT_RESOURCE = "gatehouse-fixtures/gatehouse.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern API_ID = Pattern.compile("[a-z0-9]{10}");
    private static final Pattern API_TYPE = Pattern.compile("HTTP|REST");
    private static final Pattern STAGE = Pattern.compile("\\$default|[A-Za-z0-9_\\-]{1,128}");
    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.\\-]{3,255}");
    private static final Pattern KEY_TYPE = Pattern.compile("[SNB]");
    private static final Pattern USER_POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");
    private static final Pattern IDENTITY_POOL_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");
    private static final Pattern EXISTENCE_ERRORS = Pattern.compile("LEGACY|ENABLED");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern ROLE_ID = Pattern.compile("AROA[A-Z0-9]{12,28}");
    private static final Pattern IAM_USER_ID = Pattern.compile("AIDA[A-Z0-9]{12,28}");
    private static final Pattern LONG_TERM_KEY = Pattern.compile("AKIA[A-Z0-9]{16}");
    private static final Pattern SECRET = Pattern.compile("\\S{16,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> AUTH_FLOWS = Set.of("USER_SRP_AUTH", "USER_PASSWORD_AUTH",
            "REFRESH_TOKEN_AUTH", "ADMIN_USER_PASSWORD_AUTH");

    private ConfigLoader() {
    }

    /** Loads a configuration file from disk. */
    public static GatehouseConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), file.toAbsolutePath());
    }

    /** Loads the default configuration packaged with Gatehouse (the repository's {@code fixtures/gatehouse.json}). */
    public static GatehouseConfig loadDefault() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("classpath:" + DEFAULT_RESOURCE + ": not packaged; pass --config FILE");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE, null);
        } catch (IOException e) {
            throw new ConfigException("classpath:" + DEFAULT_RESOURCE + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Where a field of a configuration file read earlier is, for a problem found after loading (e.g. a handler class
     * missing from the classpath): {@code FILE:LINE: routes["POST /notes"].handler}; only the field when the
     * configuration did not come from a JSON file that can still be read.
     */
    public static String locate(Path source, String... fields) {
        String pointer = "";
        for (String field : fields) {
            pointer = ConfigReader.child(pointer, field);
        }
        String display = ConfigReader.display(pointer);
        if (source == null) {
            return display;
        }
        try {
            JsonLines lines = new JsonLines(Files.readString(source, StandardCharsets.UTF_8));
            Path here = Path.of("").toAbsolutePath();
            Path shown = source.startsWith(here) ? here.relativize(source) : source;
            return shown + ":" + lines.lineOf(pointer) + ": " + display;
        } catch (IOException | RuntimeException e) {
            return display;
        }
    }

    static GatehouseConfig parse(String text, String name, Path source) {
        JsonNode root;
        JsonLines lines;
        try {
            root = MAPPER.readTree(text);
            lines = new JsonLines(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(name + ":1: (top level): expected a JSON object");
        }
        ConfigReader r = new ConfigReader(name, lines);
        GatehouseConfig config = read(r, root, source);
        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return config;
    }

    private static final Pattern CORS_ORIGIN = Pattern.compile("\\*|https?://\\*|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern CORS_METHOD = Pattern.compile("\\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS");
    private static final Pattern HEADER_NAME = Pattern.compile("\\*|[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** {@code api.cors}: AWS::ApiGatewayV2::Api's CorsConfiguration; null when absent. */
    private static GatehouseConfig.Cors readCors(ConfigReader r, JsonNode apiNode) {
        JsonNode cors = r.object(apiNode, "/api", "cors", false);
        if (cors == null) {
            return null;
        }
        String at = "/api/cors";
        r.noUnknownFields(cors, at, fields("allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge",
                "allowCredentials"));
        List<String> origins = r.strings(cors, at, "allowOrigins", CORS_ORIGIN,
                "\"*\", \"https://*\", \"http://*\" or an origin such as \"https://www.example.com\" (no path)");
        List<String> methods = r.strings(cors, at, "allowMethods", CORS_METHOD,
                "\"*\" or a method: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
        List<String> headers = r.strings(cors, at, "allowHeaders", HEADER_NAME, "\"*\" or a header name");
        List<String> expose = r.strings(cors, at, "exposeHeaders", HEADER_NAME, "\"*\" or a header name");
        Integer maxAge = cors.hasNonNull("maxAge") ? r.integer(cors, at, "maxAge", 0, 86_400, 0) : null;
        boolean credentials = r.bool(cors, at, "allowCredentials", false);
        if (credentials && origins.contains("*")) {
            r.problem(at + "/allowCredentials", "expected false with allowOrigins \"*\" (API Gateway refuses"
                    + " credentials for every origin): name the origins instead");
        }
        return new GatehouseConfig.Cors(origins, methods, headers, expose, maxAge, credentials);
    }

    private static Set<String> fields(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    private static GatehouseConfig read(ConfigReader r, JsonNode root, Path source) {
        r.noUnknownFields(root, "", fields("region", "accountId", "api", "functionDefaults", "routes", "tables",
                "userPool", "identityPool", "developer", "users", "outputs"));
        String region = r.string(root, "", "region", REGION, "an AWS region such as \"us-east-1\"", null);
        String account = r.string(root, "", "accountId", ACCOUNT, "a 12-digit AWS account id", null);

        JsonNode apiNode = r.object(root, "", "api", true);
        GatehouseConfig.Api api = null;
        if (apiNode != null) {
            r.noUnknownFields(apiNode, "/api", fields("apiId", "stage", "type", "cors"));
            String type = r.string(apiNode, "/api", "type", API_TYPE, "\"HTTP\" or \"REST\"", "HTTP");
            boolean rest = "REST".equals(type);
            String restStage = "a stage name such as \"prod\" (a REST API has no $default stage)";
            String stage = r.string(apiNode, "/api", "stage", STAGE,
                    rest ? restStage : "\"$default\" or a stage name", rest ? null : "$default");
            if (rest && "$default".equals(stage)) {
                r.problem("/api/stage", "expected " + restStage + ", got \"$default\"");
            }
            GatehouseConfig.Cors cors = readCors(r, apiNode);
            if (rest && cors != null) {
                // AWS::ApiGateway::RestApi has no CorsConfiguration: a REST API answers preflight with OPTIONS methods
                r.problem("/api/cors", "a REST API has no CORS configuration (an HTTP API's setting): answer preflight"
                        + " with an \"OPTIONS /path\" route (authorization NONE), or use \"type\": \"HTTP\"");
                cors = null;
            }
            api = new GatehouseConfig.Api(
                    r.string(apiNode, "/api", "apiId", API_ID, "10 lower-case letters or digits", null),
                    stage, rest ? GatehouseConfig.Api.Type.REST : GatehouseConfig.Api.Type.HTTP, cors);
        }

        JsonNode fd = r.object(root, "", "functionDefaults", false);
        GatehouseConfig.FunctionDefaults defaults = new GatehouseConfig.FunctionDefaults(3, 128, Map.of());
        if (fd != null) {
            r.noUnknownFields(fd, "/functionDefaults", fields("timeoutSeconds", "memorySizeMb", "environment"));
            defaults = new GatehouseConfig.FunctionDefaults(
                    r.integer(fd, "/functionDefaults", "timeoutSeconds", 1, 900, 3),
                    r.integer(fd, "/functionDefaults", "memorySizeMb", 128, 10240, 128),
                    r.stringMap(fd, "/functionDefaults", "environment"));
        }

        List<GatehouseConfig.Route> routes = readRoutes(r, root, defaults, api != null && api.rest(), source);
        List<GatehouseConfig.Table> tables = readTables(r, root, source);
        GatehouseConfig.UserPool userPool = readUserPool(r, root, region);
        GatehouseConfig.IdentityPool identityPool = readIdentityPool(r, root, region);
        GatehouseConfig.Developer developer = readDeveloper(r, root);
        List<GatehouseConfig.User> users = readUsers(r, root);
        Map<String, String> outputs = r.stringMap(root, "", "outputs");
        return new GatehouseConfig(source, region, account, api, defaults, routes, tables, userPool, identityPool,
                developer, users, outputs);
    }

    private static List<GatehouseConfig.Route> readRoutes(ConfigReader r, JsonNode root,
                                                          GatehouseConfig.FunctionDefaults defaults, boolean rest,
                                                          Path source) {
        List<GatehouseConfig.Route> routes = new ArrayList<>();
        JsonNode node = r.object(root, "", "routes", true);
        if (node == null) {
            return routes;
        }
        if (node.isEmpty()) {
            r.problem("/routes", "expected at least one route, e.g. \"GET /notes\": {\"handler\": \"com.example.ListNotes\"}");
        }
        node.fields().forEachRemaining(e -> {
            String at = ConfigReader.child("/routes", e.getKey());
            String key = e.getKey();
            try {
                if (RouteKey.parse(key).isDefault() && rest) {
                    r.problem(at, "expected \"METHOD /path\": a REST API has no $default route (use"
                            + " \"ANY /{proxy+}\" for a catch-all)");
                }
            } catch (IllegalArgumentException bad) {
                r.problem(at, bad.getMessage());
            }
            JsonNode route = e.getValue();
            if (!route.isObject()) {
                r.problem(at, "expected an object with a \"handler\", got " + ConfigReader.describe(route));
                return;
            }
            r.noUnknownFields(route, at, fields("handler", "authorization", "timeoutSeconds", "memorySizeMb",
                    "environment", "runtime", "codeUri", "reservedConcurrency", "isolation"));
            String runtime = r.string(route, at, "runtime", RuntimeSettings.RUNTIME,
                    "a Lambda runtime: " + RuntimeSettings.RUNTIMES, GatehouseConfig.Code.IN_PROCESS_JAVA.runtime());
            RuntimeSettings.Family family = RuntimeSettings.family(runtime);
            String handler = r.string(route, at, "handler", family.handlerPattern(), family.handlerExpected(),
                    family == RuntimeSettings.Family.PROVIDED ? "handler" : null);
            String auth = r.string(route, at, "authorization", Pattern.compile("AWS_IAM|NONE"),
                    "\"AWS_IAM\" or \"NONE\"", "AWS_IAM");
            Map<String, String> env = new LinkedHashMap<>(defaults.environment());
            env.putAll(r.stringMap(route, at, "environment"));
            GatehouseConfig.Code code = RuntimeSettings.read(r, route, at, runtime, family, handler, source);
            routes.add(new GatehouseConfig.Route(key, handler, auth,
                    r.integer(route, at, "timeoutSeconds", 1, 900, defaults.timeoutSeconds()),
                    r.integer(route, at, "memorySizeMb", 128, 10240, defaults.memorySizeMb()), Map.copyOf(env), code));
        });
        return routes;
    }

    private static List<GatehouseConfig.Table> readTables(ConfigReader r, JsonNode root, Path source) {
        List<GatehouseConfig.Table> tables = new ArrayList<>();
        JsonNode node = r.array(root, "", "tables", false);
        if (node == null) {
            return tables;
        }
        Set<String> names = new HashSet<>();
        r.eachElement(node, "/tables", el -> {
            if (!el.node().isObject()) {
                r.problem(el.pointer(), "expected an object, got " + ConfigReader.describe(el.node()));
                return;
            }
            r.noUnknownFields(el.node(), el.pointer(), fields("name", "partitionKey", "sortKey", "seed",
                    "globalSecondaryIndexes", "localSecondaryIndexes"));
            String name = r.string(el.node(), el.pointer(), "name", TABLE, "a DynamoDB table name", null);
            if (name != null && !names.add(name)) {
                r.problem(ConfigReader.child(el.pointer(), "name"), "table \"" + name + "\" is defined twice");
            }
            GatehouseConfig.Key pk = readKey(r, el.node(), el.pointer(), "partitionKey", true);
            GatehouseConfig.Key sk = readKey(r, el.node(), el.pointer(), "sortKey", false);
            String seed = r.string(el.node(), el.pointer(), "seed", null, "a path to a JSON file of items", "");
            Path seedPath = null;
            if (seed != null && !seed.isEmpty()) {
                if (source == null) {
                    r.problem(ConfigReader.child(el.pointer(), "seed"),
                            "seed files need a configuration file on disk (--config FILE)");
                } else {
                    seedPath = source.resolveSibling(seed).normalize();
                    if (!Files.isRegularFile(seedPath)) {
                        r.problem(ConfigReader.child(el.pointer(), "seed"), "no such file: " + seedPath);
                    }
                }
            }
            List<GatehouseConfig.Index> gsis = readIndexes(r, el.node(), el.pointer(), "globalSecondaryIndexes", false);
            List<GatehouseConfig.Index> lsis = readIndexes(r, el.node(), el.pointer(), "localSecondaryIndexes", true);
            for (GatehouseConfig.Index lsi : lsis) {
                if (pk != null && lsi.partitionKey() != null && !pk.equals(lsi.partitionKey())) {
                    r.problem(ConfigReader.child(el.pointer(), "localSecondaryIndexes"), "index \"" + lsi.name()
                            + "\": a local secondary index has the table's partition key " + pk.name());
                }
            }
            tables.add(new GatehouseConfig.Table(name, pk, sk, seedPath, gsis, lsis));
        });
        return tables;
    }

    private static final Pattern INDEX = Pattern.compile("[a-zA-Z0-9_.\\-]{3,255}");

    /** {@code [{"name", "partitionKey", "sortKey", "projection": "ALL" | "KEYS_ONLY" | ["attr", ...]}]} */
    private static List<GatehouseConfig.Index> readIndexes(ConfigReader r, JsonNode table, String at, String field,
                                                           boolean local) {
        List<GatehouseConfig.Index> out = new ArrayList<>();
        JsonNode node = r.array(table, at, field, false);
        if (node == null) {
            return out;
        }
        Set<String> names = new HashSet<>();
        r.eachElement(node, ConfigReader.child(at, field), el -> {
            if (!el.node().isObject()) {
                r.problem(el.pointer(), "expected an object, got " + ConfigReader.describe(el.node()));
                return;
            }
            r.noUnknownFields(el.node(), el.pointer(), fields("name", "partitionKey", "sortKey", "projection"));
            String name = r.string(el.node(), el.pointer(), "name", INDEX, "an index name", null);
            if (name != null && !names.add(name)) {
                r.problem(ConfigReader.child(el.pointer(), "name"), "index \"" + name + "\" is defined twice");
            }
            GatehouseConfig.Key pk = readKey(r, el.node(), el.pointer(), "partitionKey", true);
            GatehouseConfig.Key sk = readKey(r, el.node(), el.pointer(), "sortKey", local);
            JsonNode projection = el.node().get("projection");
            String type = "ALL";
            List<String> include = new ArrayList<>();
            if (projection != null && projection.isArray()) {
                type = "INCLUDE";
                projection.forEach(a -> include.add(a.asText()));
            } else if (projection != null) {
                type = r.string(el.node(), el.pointer(), "projection", Pattern.compile("ALL|KEYS_ONLY"),
                        "\"ALL\", \"KEYS_ONLY\" or an array of attribute names", "ALL");
            }
            out.add(new GatehouseConfig.Index(name, pk, sk, type, include));
        });
        return out;
    }

    private static GatehouseConfig.Key readKey(ConfigReader r, JsonNode table, String at, String field,
                                               boolean required) {
        JsonNode key = r.object(table, at, field, required);
        if (key == null) {
            return null;
        }
        String kat = ConfigReader.child(at, field);
        r.noUnknownFields(key, kat, fields("name", "type"));
        return new GatehouseConfig.Key(
                r.string(key, kat, "name", Pattern.compile(".{1,255}"), "an attribute name", null),
                r.string(key, kat, "type", KEY_TYPE, "\"S\", \"N\" or \"B\"", "S"));
    }

    private static GatehouseConfig.UserPool readUserPool(ConfigReader r, JsonNode root, String region) {
        JsonNode up = r.object(root, "", "userPool", true);
        if (up == null) {
            return null;
        }
        String at = "/userPool";
        r.noUnknownFields(up, at, fields("id", "name", "clientId", "allowedAuthFlows", "idTokenMinutes",
                "accessTokenMinutes", "refreshTokenDays", "refreshTokenRotation",
                "attributesRequireVerificationBeforeUpdate", "preventUserExistenceErrors"));
        String id = r.string(up, at, "id", USER_POOL_ID, "a user pool id such as \"us-east-1_AbC123\"", null);
        if (id != null && region != null && !id.startsWith(region + "_")) {
            r.problem(ConfigReader.child(at, "id"), "expected the region \"" + region + "\" before the _, got \""
                    + id + "\"");
        }
        List<String> flows = new ArrayList<>();
        JsonNode flowNode = r.array(up, at, "allowedAuthFlows", false);
        if (flowNode == null) {
            flows.addAll(List.of("USER_SRP_AUTH", "USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH"));
        } else {
            r.eachElement(flowNode, ConfigReader.child(at, "allowedAuthFlows"), el -> {
                if (!el.node().isTextual() || !AUTH_FLOWS.contains(el.node().asText())) {
                    r.problem(el.pointer(), "expected one of " + AUTH_FLOWS + ", got "
                            + ConfigReader.describe(el.node()));
                } else {
                    flows.add(el.node().asText());
                }
            });
        }
        return new GatehouseConfig.UserPool(id,
                r.string(up, at, "name", Pattern.compile(".{1,128}"), "a name", "user-pool"),
                r.string(up, at, "clientId", CLIENT_ID, "an app client id (letters, digits, _ and +)", null),
                List.copyOf(flows),
                r.integer(up, at, "idTokenMinutes", 5, 1440, 60),
                r.integer(up, at, "accessTokenMinutes", 5, 1440, 60),
                r.integer(up, at, "refreshTokenDays", 1, 3650, 30),
                readRefreshTokenRotation(r, up, at),
                readAttributesRequireVerification(r, up, at),
                r.string(up, at, "preventUserExistenceErrors", EXISTENCE_ERRORS, "\"LEGACY\" or \"ENABLED\"",
                        GatehouseConfig.UserPool.LEGACY));
    }

    private static GatehouseConfig.RefreshTokenRotation readRefreshTokenRotation(ConfigReader r, JsonNode up,
                                                                                  String at) {
        JsonNode rotation = r.object(up, at, "refreshTokenRotation", false);
        if (rotation == null) {
            return GatehouseConfig.RefreshTokenRotation.DISABLED;
        }
        String rat = ConfigReader.child(at, "refreshTokenRotation");
        r.noUnknownFields(rotation, rat, fields("feature", "retryGracePeriodSeconds"));
        String feature = r.string(rotation, rat, "feature", Pattern.compile("ENABLED|DISABLED"),
                "\"ENABLED\" or \"DISABLED\"", "DISABLED");
        return new GatehouseConfig.RefreshTokenRotation("ENABLED".equals(feature),
                r.integer(rotation, rat, "retryGracePeriodSeconds", 0, 60, 0));
    }

    private static List<String> readAttributesRequireVerification(ConfigReader r, JsonNode up, String at) {
        List<String> names = new ArrayList<>();
        String field = "attributesRequireVerificationBeforeUpdate";
        JsonNode node = r.array(up, at, field, false);
        if (node != null) {
            r.eachElement(node, ConfigReader.child(at, field), el -> {
                if (!el.node().isTextual() || !el.node().asText().equals("email")) {
                    r.problem(el.pointer(), "expected \"email\" (the only verified attribute Gatehouse keeps), got "
                            + ConfigReader.describe(el.node()));
                } else {
                    names.add(el.node().asText());
                }
            });
        }
        return List.copyOf(names);
    }

    private static GatehouseConfig.IdentityPool readIdentityPool(ConfigReader r, JsonNode root, String region) {
        JsonNode ip = r.object(root, "", "identityPool", true);
        if (ip == null) {
            return null;
        }
        String at = "/identityPool";
        r.noUnknownFields(ip, at, fields("id", "name", "allowUnauthenticated", "credentialsMinutes",
                "authenticatedRole", "unauthenticatedRole"));
        String id = r.string(ip, at, "id", IDENTITY_POOL_ID, "an identity pool id such as \"us-east-1:<uuid>\"", null);
        if (id != null && region != null && !id.startsWith(region + ":")) {
            r.problem(ConfigReader.child(at, "id"), "expected the region \"" + region + "\" before the :, got \""
                    + id + "\"");
        }
        return new GatehouseConfig.IdentityPool(id,
                r.string(ip, at, "name", Pattern.compile(".{1,128}"), "a name", "identity-pool"),
                r.bool(ip, at, "allowUnauthenticated", false),
                r.integer(ip, at, "credentialsMinutes", 15, 720, 60),
                readRole(r, ip, at, "authenticatedRole", true),
                readRole(r, ip, at, "unauthenticatedRole", false));
    }

    private static GatehouseConfig.Role readRole(ConfigReader r, JsonNode ip, String at, String field,
                                                 boolean required) {
        JsonNode role = r.object(ip, at, field, required);
        if (role == null) {
            return null;
        }
        String rat = ConfigReader.child(at, field);
        r.noUnknownFields(role, rat, fields("name", "roleId", "policy"));
        JsonNode policy = r.object(role, rat, "policy", true);
        return new GatehouseConfig.Role(
                r.string(role, rat, "name", ROLE_NAME, "an IAM role name", null),
                r.string(role, rat, "roleId", ROLE_ID, "an IAM role id such as \"AROA\" + 16 capitals or digits",
                        null),
                policy);
    }

    private static GatehouseConfig.Developer readDeveloper(ConfigReader r, JsonNode root) {
        JsonNode dev = r.object(root, "", "developer", false);
        if (dev == null) {
            return null;
        }
        String at = "/developer";
        r.noUnknownFields(dev, at, fields("userName", "iamUserId", "accessKeyId", "secretAccessKey"));
        // The keys are optional (random per data directory when absent): both, or neither.
        if (dev.has("accessKeyId") != dev.has("secretAccessKey")) {
            r.problem(ConfigReader.child(at, dev.has("accessKeyId") ? "secretAccessKey" : "accessKeyId"),
                    "accessKeyId and secretAccessKey go together: give both, or neither for random keys");
        }
        return new GatehouseConfig.Developer(
                r.string(dev, at, "userName", ROLE_NAME, "an IAM user name", "gatehouse-developer"),
                r.string(dev, at, "iamUserId", IAM_USER_ID, "an IAM user id such as \"AIDA\" + 16 capitals or digits",
                        "AIDAGATEHOUSEDEVELOPR"),
                !dev.has("accessKeyId") ? null : r.string(dev, at, "accessKeyId", LONG_TERM_KEY,
                        "\"AKIA\" followed by 16 capitals or digits", null),
                !dev.has("secretAccessKey") ? null : r.string(dev, at, "secretAccessKey", SECRET,
                        "16 to 128 characters without spaces", null));
    }

    /**
     * Reads a file of test users: a JSON array shaped like the configuration's {@code users}.
     *
     * @throws ConfigException naming the file, the line and the field of every problem
     */
    public static List<GatehouseConfig.User> loadUsers(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such users file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        JsonLines lines;
        try {
            root = MAPPER.readTree("{\"users\":" + text + "\n}");
            lines = new JsonLines("{\"users\":" + text + "\n}");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        ConfigReader r = new ConfigReader(file.toString(), lines);
        List<GatehouseConfig.User> users = readUsers(r, root);
        if (!root.path("users").isArray()) {
            r.problem("", "expected a JSON array of users [{\"email\", \"password\", \"sub\"}]");
        }
        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems().stream().map(p -> p.replace(": users[", ": [")).toList());
        }
        return users;
    }

    private static List<GatehouseConfig.User> readUsers(ConfigReader r, JsonNode root) {
        List<GatehouseConfig.User> users = new ArrayList<>();
        JsonNode node = r.array(root, "", "users", false);
        if (node == null) {
            return users;
        }
        Set<String> emails = new HashSet<>();
        Set<String> subs = new HashSet<>();
        r.eachElement(node, "/users", el -> {
            if (!el.node().isObject()) {
                r.problem(el.pointer(), "expected an object, got " + ConfigReader.describe(el.node()));
                return;
            }
            r.noUnknownFields(el.node(), el.pointer(), fields("email", "password", "sub"));
            String email = r.string(el.node(), el.pointer(), "email", EMAIL, "an email address", null);
            String password = r.string(el.node(), el.pointer(), "password", PasswordPolicy.PATTERN,
                    PasswordPolicy.DESCRIPTION, null);
            String sub = r.string(el.node(), el.pointer(), "sub", UUID, "a lower-case UUID", null);
            if (email != null && !emails.add(email.toLowerCase(java.util.Locale.ROOT))) {
                r.problem(ConfigReader.child(el.pointer(), "email"), "user \"" + email + "\" is listed twice");
            }
            if (sub != null && !subs.add(sub)) {
                r.problem(ConfigReader.child(el.pointer(), "sub"), "sub \"" + sub + "\" is used twice");
            }
            users.add(new GatehouseConfig.User(email, password, sub));
        });
        return users;
    }
}
