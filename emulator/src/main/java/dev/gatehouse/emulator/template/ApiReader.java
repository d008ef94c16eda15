package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.apigateway.RouteKey;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API and its routes: SAM's {@code AWS::Serverless::HttpApi} with the functions' {@code HttpApi} events (or SAM's
 * implicit {@code ServerlessHttpApi}), or the {@code AWS::ApiGatewayV2::Api} / {@code Route} / {@code Integration} /
 * {@code Stage} that CDK and SST synthesize. Authorization is {@code AWS_IAM} or {@code NONE}; any other authorizer
 * is an error at its line (Gatehouse would otherwise serve the route weaker or stronger than AWS).
 */
final class ApiReader {
    static final String IMPLICIT_API = "ServerlessHttpApi";
    /** SAM's implicit REST API for {@code Api} events without {@code RestApiId}, on its stage {@code Prod}. */
    static final String IMPLICIT_REST_API = "ServerlessRestApi";

    private static final Set<String> HTTP_API_READ = Reading.names("Auth", "CorsConfiguration", "StageName",
            "DefinitionBody", "DefinitionUri");
    private static final Set<String> HTTP_API_IGNORED = Reading.names("Name", "Description", "Tags",
            "AccessLogSettings", "DefaultRouteSettings", "RouteSettings", "StageVariables", "FailOnWarnings",
            "DisableExecuteApiEndpoint", "Domain", "PropagateTags");
    private static final Set<String> REST_API_READ = Reading.names("StageName", "Auth", "Cors", "DefinitionBody",
            "DefinitionUri", "Variables", "BinaryMediaTypes", "GatewayResponses", "ApiKeySourceType", "Models");
    private static final Set<String> REST_API_IGNORED = Reading.names("Name", "Description", "Tags",
            "AccessLogSetting", "MethodSettings", "TracingEnabled", "EndpointConfiguration", "CacheClusterEnabled",
            "CacheClusterSize", "CanarySetting", "MinimumCompressionSize", "OpenApiVersion", "Domain",
            "DisableExecuteApiEndpoint", "FailOnWarnings", "PropagateTags", "AlwaysDeploy", "MergeDefinitions",
            "Mode");
    private static final Set<String> V2_API_READ = Reading.names("Name", "ProtocolType", "CorsConfiguration", "Body",
            "BodyS3Location", "Target", "RouteKey");
    private static final Set<String> V2_API_IGNORED = Reading.names("Description", "Tags", "DisableExecuteApiEndpoint",
            "ApiKeySelectionExpression", "RouteSelectionExpression", "DisableSchemaValidation", "FailOnWarnings",
            "Version", "IpAddressType");

    /** The API as the template gives it; {@code cors} is null when the template configures none. */
    record Api(String logicalId, String apiId, String stage, GatehouseConfig.Cors cors, String type,
               String pointer) {
    }

    private static final List<String> CORS_FIELDS = List.of("AllowOrigins", "AllowMethods", "AllowHeaders",
            "ExposeHeaders", "MaxAge", "AllowCredentials");
    // as the configuration's api.cors (config.ConfigLoader)
    private static final Pattern CORS_ORIGIN = Pattern.compile("\\*|https?://\\*|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern CORS_METHOD = Pattern.compile("\\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS");
    private static final Pattern HEADER_NAME = Pattern.compile("\\*|[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** A route to a function of the template (by logical id). */
    record Route(String routeKey, String function, String authorization, String pointer) {
    }

    private final Reading reading;
    private final Map<String, Resource> resources;
    final List<Route> routes = new ArrayList<>();
    Api api;
    private String defaultAuthorizer;
    private boolean iamEnabled;
    private final Map<String, String> stages = new LinkedHashMap<>();

    ApiReader(Reading reading, Map<String, Resource> activeResources) {
        this.reading = reading;
        this.resources = activeResources;
    }

    /** Reads the one API of the template (an error for a second one). */
    void readApis() {
        for (Resource r : resources.values()) {
            switch (r.type()) {
                case "AWS::Serverless::HttpApi" -> one(r, () -> samHttpApi(r));
                case "AWS::ApiGatewayV2::Api" -> one(r, () -> v2Api(r));
                case "AWS::Serverless::Api" -> one(r, () -> samRestApi(r));
                case "AWS::ApiGateway::RestApi" -> reading.problem(r.pointer(), "not emulated yet: a REST API "
                        + "written as AWS::ApiGateway::* resources; write it as AWS::Serverless::Api with the "
                        + "functions' Api events");
                case "AWS::ApiGatewayV2::Stage" -> {
                    String name = reading.string(r, "StageName");
                    if (name != null) {
                        stages.put(name, r.pointer());
                    }
                }
                default -> {
                }
            }
        }
    }

    private void one(Resource r, Runnable read) {
        if (api != null) {
            reading.problem(r.pointer(), "Gatehouse serves one API per template; " + api.logicalId()
                    + " is the first");
            return;
        }
        read.run();
    }

    private void samHttpApi(Resource r) {
        reading.knownProperties(r, HTTP_API_READ, HTTP_API_IGNORED);
        for (String definition : List.of("DefinitionBody", "DefinitionUri")) {
            if (r.properties().has(definition)) {
                reading.problem(r.at(definition), "not emulated: routes from an OpenAPI definition; give the routes as "
                        + "the functions' HttpApi events");
            }
        }
        JsonNode auth = reading.property(r, "Auth");
        if (auth != null) {
            iamEnabled = auth.path("EnableIamAuthorizer").asText("false").equals("true");
            if (auth.has("DefaultAuthorizer")) {
                defaultAuthorizer = auth.get("DefaultAuthorizer").asText();
                String at = TemplateDocument.child(r.at("Auth"), "DefaultAuthorizer");
                checkAuthorizer(defaultAuthorizer, at);
                if (defaultAuthorizer.equals("AWS_IAM") && !iamEnabled) {
                    reading.problem(at, "AWS_IAM as the DefaultAuthorizer needs EnableIamAuthorizer: true");
                }
            }
            if (auth.has("Authorizers") && !auth.get("Authorizers").isEmpty()) {
                reading.problem(TemplateDocument.child(r.at("Auth"), "Authorizers"), "not emulated: JWT and Lambda "
                        + "authorizers; Gatehouse emulates AWS_IAM (EnableIamAuthorizer: true)");
            }
        }
        String stage = reading.string(r, "StageName");
        api = new Api(r.logicalId(), ref(r), stage == null ? "$default" : stage, cors(r), "HTTP", r.pointer());
    }

    /** SAM's REST API: {@code StageName}, {@code Auth.DefaultAuthorizer} {@code AWS_IAM} (no switch needed). */
    private void samRestApi(Resource r) {
        reading.knownProperties(r, REST_API_READ, REST_API_IGNORED);
        for (String definition : List.of("DefinitionBody", "DefinitionUri")) {
            if (r.properties().has(definition)) {
                reading.problem(r.at(definition), "not emulated: routes from an OpenAPI definition; give the routes as "
                        + "the functions' Api events");
            }
        }
        for (String feature : List.of("Variables", "BinaryMediaTypes", "GatewayResponses", "ApiKeySourceType",
                "Models")) {
            if (r.properties().has(feature)) {
                reading.problem(r.at(feature), "not emulated: " + feature + " of a REST API (Gatehouse would answer "
                        + "otherwise than API Gateway)");
            }
        }
        if (r.properties().has("Cors")) {
            reading.warnings.add("Cors of " + r.logicalId() + " (REST APIs answer no preflight here)");
        }
        iamEnabled = true;
        JsonNode auth = reading.property(r, "Auth");
        if (auth != null) {
            auth.fieldNames().forEachRemaining(name -> {
                if (!Set.of("DefaultAuthorizer", "InvokeRole", "AddDefaultAuthorizerToCorsPreflight",
                        "AddApiKeyRequiredToCorsPreflight").contains(name)) {
                    reading.problem(TemplateDocument.child(r.at("Auth"), name), "not emulated: " + name + " of a REST "
                            + "API's Auth; Gatehouse emulates DefaultAuthorizer AWS_IAM or NONE");
                }
            });
            if (auth.has("DefaultAuthorizer")) {
                defaultAuthorizer = auth.get("DefaultAuthorizer").asText();
                checkAuthorizer(defaultAuthorizer, TemplateDocument.child(r.at("Auth"), "DefaultAuthorizer"));
            }
        }
        String stage = reading.requiredString(r, "StageName", "the stage's name, e.g. Prod");
        if ("$default".equals(stage)) {
            reading.problem(r.at("StageName"), "expected a stage name such as Prod: a REST API has no $default stage");
        }
        api = new Api(r.logicalId(), ref(r), stage == null ? "Prod" : stage, null, "REST", r.pointer());
    }

    /** SAM: an Api event without RestApiId lands on the implicit REST API {@code ServerlessRestApi}, stage Prod. */
    void implicitRestApi() {
        if (api == null) {
            String id = reading.stack.ids().apiId(IMPLICIT_REST_API);
            api = new Api(IMPLICIT_REST_API, id, "Prod", null, "REST", "/Resources");
            iamEnabled = true;
        }
    }

    private void v2Api(Resource r) {
        reading.knownProperties(r, V2_API_READ, V2_API_IGNORED);
        String protocol = reading.string(r, "ProtocolType");
        if (!"HTTP".equals(protocol)) {
            reading.problem(r.properties().has("ProtocolType") ? r.at("ProtocolType") : r.propertiesPointer(),
                    "expected ProtocolType HTTP (WebSocket APIs are not emulated), got " + protocol);
        }
        for (String quick : List.of("Body", "BodyS3Location", "Target", "RouteKey")) {
            if (r.properties().has(quick)) {
                reading.problem(r.at(quick), "not emulated: an API defined by " + quick + "; give its routes as "
                        + "AWS::ApiGatewayV2::Route resources");
            }
        }
        iamEnabled = true;
        api = new Api(r.logicalId(), ref(r), null, cors(r), "HTTP", r.pointer());
    }

    /** SAM: an HttpApi event without ApiId lands on the implicit API {@code ServerlessHttpApi}. */
    void implicitApi() {
        if (api == null) {
            String id = reading.stack.ids().apiId(IMPLICIT_API);
            api = new Api(IMPLICIT_API, id, "$default", null, "HTTP", "/Resources");
            iamEnabled = false;
        }
    }

    /** The stage: SAM's StageName, or the one {@code AWS::ApiGatewayV2::Stage} ({@code $default} preferred). */
    Api withStage() {
        if (api.stage() != null) {
            return api;
        }
        String stage = stages.containsKey("$default") ? "$default" : stages.isEmpty() ? "$default"
                : stages.keySet().iterator().next();
        if (stages.size() > 1 && !stages.containsKey("$default")) {
            List<String> pointers = new ArrayList<>(stages.values());
            reading.problem(pointers.get(1), "Gatehouse serves one stage; " + stage + " is the first");
        }
        api = new Api(api.logicalId(), api.apiId(), stage, api.cors(), api.type(), api.pointer());
        return api;
    }

    /**
     * {@code CorsConfiguration} as {@code api.cors}, checked as the configuration checks it (API Gateway's rules):
     * {@code true} allows every origin, method and header.
     */
    private GatehouseConfig.Cors cors(Resource r) {
        JsonNode c = reading.property(r, "CorsConfiguration");
        if (c == null) {
            return null;
        }
        String at = r.at("CorsConfiguration");
        if (!c.isObject()) {
            if (c.asText().equals("true")) {
                return new GatehouseConfig.Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
            }
            if (!c.asText().equals("false")) {
                reading.problem(at, "expected true or {AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, "
                        + "MaxAge, AllowCredentials}, got " + Intrinsics.describe(c));
            }
            return null;
        }
        c.fieldNames().forEachRemaining(name -> {
            if (!CORS_FIELDS.contains(name)) {
                reading.problem(TemplateDocument.child(at, name), "not emulated: Gatehouse reads "
                        + String.join(", ", CORS_FIELDS) + " of CorsConfiguration");
            }
        });
        List<String> origins = corsList(c, at, "AllowOrigins", CORS_ORIGIN,
                "\"*\", \"https://*\", \"http://*\" or an origin such as \"https://www.example.com\" (no path)");
        List<String> methods = corsList(c, at, "AllowMethods", CORS_METHOD,
                "\"*\" or a method: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
        List<String> headers = corsList(c, at, "AllowHeaders", HEADER_NAME, "\"*\" or a header name");
        List<String> expose = corsList(c, at, "ExposeHeaders", HEADER_NAME, "\"*\" or a header name");
        Integer maxAge = null;
        if (c.has("MaxAge")) {
            String text = c.get("MaxAge").asText();
            if (!c.get("MaxAge").isValueNode() || !text.matches("\\d{1,5}") || Integer.parseInt(text) > 86_400) {
                reading.problem(TemplateDocument.child(at, "MaxAge"), "expected a whole number from 0 to 86400, got "
                        + Intrinsics.describe(c.get("MaxAge")));
            } else {
                maxAge = Integer.parseInt(text);
            }
        }
        boolean credentials = c.path("AllowCredentials").asText("false").equals("true");
        if (credentials && origins.contains("*")) {
            reading.problem(TemplateDocument.child(at, "AllowCredentials"), "expected false with AllowOrigins \"*\" "
                    + "(API Gateway refuses credentials for every origin): name the origins instead");
        }
        return new GatehouseConfig.Cors(origins, methods, headers, expose, maxAge, credentials);
    }

    private List<String> corsList(JsonNode c, String at, String field, Pattern valid, String expected) {
        List<String> out = list(c, field);
        for (int i = 0; i < out.size(); i++) {
            if (!valid.matcher(out.get(i)).matches()) {
                reading.problem(TemplateDocument.child(at, field) + "/" + i, "expected " + expected + ", got \""
                        + out.get(i) + "\"");
            }
        }
        return out;
    }

    private static List<String> list(JsonNode c, String field) {
        List<String> out = new ArrayList<>();
        c.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The HttpApi events of a SAM function; other event types are listed in the warning. */
    void samEvents(Resource function) {
        JsonNode events = reading.property(function, "Events");
        if (events == null) {
            return;
        }
        events.fields().forEachRemaining(e -> {
            String at = TemplateDocument.child(function.at("Events"), e.getKey());
            JsonNode event = e.getValue();
            String type = event.path("Type").asText("");
            JsonNode p = event.path("Properties");
            switch (type) {
                case "HttpApi" -> {
                    String pat = TemplateDocument.child(at, "Properties");
                    JsonNode apiId = p.get("ApiId");
                    if (apiId == null) {
                        implicitApi();
                    } else if (api == null || !apiId.asText().equals(api.apiId())) {
                        reading.problem(TemplateDocument.child(pat, "ApiId"), "expected !Ref of the template's "
                                + "AWS::Serverless::HttpApi, got " + Intrinsics.describe(apiId));
                        return;
                    }
                    if (!"HTTP".equals(api.type())) {
                        reading.problem(at, "an HttpApi event, but the template's API is the REST API "
                                + api.logicalId() + " (Gatehouse serves one API per template)");
                        return;
                    }
                    String version = p.path("PayloadFormatVersion").asText("2.0");
                    if (!version.equals("2.0")) {
                        reading.problem(TemplateDocument.child(pat, "PayloadFormatVersion"), "not emulated yet: "
                                + "payload format " + version + " on an HTTP API; expected 2.0");
                    }
                    String routeKey = RouteKey.DEFAULT;
                    if (p.has("Path") || p.has("Method")) {
                        String method = p.path("Method").asText("ANY").toUpperCase(Locale.ROOT);
                        routeKey = method + " " + p.path("Path").asText("/");
                    }
                    String authorizer = p.path("Auth").path("Authorizer").asText(null);
                    String auth = authorizer != null ? authorizer : defaultAuthorizer;
                    String authAt = TemplateDocument.child(TemplateDocument.child(pat, "Auth"), "Authorizer");
                    if (authorizer != null) {
                        checkAuthorizer(authorizer, authAt);
                    }
                    add(new Route(routeKey, function.logicalId(), auth == null ? "NONE" : auth, at));
                }
                case "Api" -> {
                    String pat = TemplateDocument.child(at, "Properties");
                    JsonNode apiId = p.get("RestApiId");
                    if (apiId == null) {
                        implicitRestApi();
                    }
                    if (api == null || !"REST".equals(api.type())
                            || apiId != null && !apiId.asText().equals(api.apiId())) {
                        reading.problem(apiId == null ? at : TemplateDocument.child(pat, "RestApiId"), "expected "
                                + "!Ref of the template's AWS::Serverless::Api (Gatehouse serves one API per template), "
                                + "got " + (apiId == null ? "SAM's implicit REST API" : Intrinsics.describe(apiId)));
                        return;
                    }
                    for (String name : List.of("RequestModel", "RequestParameters")) {
                        if (p.has(name)) {
                            reading.problem(TemplateDocument.child(pat, name), "not emulated: request validation ("
                                    + name + ")");
                        }
                    }
                    String method = p.path("Method").asText("").toUpperCase(Locale.ROOT);
                    String routeKey = (method.equals("ANY") || method.isEmpty() ? "ANY" : method) + " "
                            + p.path("Path").asText("/");
                    String authorizer = p.path("Auth").path("Authorizer").asText(null);
                    String auth = authorizer != null ? authorizer : defaultAuthorizer;
                    if (authorizer != null) {
                        checkAuthorizer(authorizer, TemplateDocument.child(TemplateDocument.child(pat, "Auth"),
                                "Authorizer"));
                    }
                    add(new Route(routeKey, function.logicalId(), auth == null ? "NONE" : auth, at));
                }
                default -> reading.warnings.add("event " + e.getKey() + " (" + type + ") of " + function.logicalId());
            }
        });
    }

    private void checkAuthorizer(String authorizer, String pointer) {
        if (authorizer.equals("NONE")) {
            return;
        }
        if (!authorizer.equals("AWS_IAM")) {
            reading.problem(pointer, "not emulated: authorizer " + authorizer + "; expected AWS_IAM or NONE");
        } else if (!iamEnabled && pointer.contains("/Events/")) {
            reading.problem(pointer, "AWS_IAM needs Auth.EnableIamAuthorizer: true on the HttpApi");
        }
    }

    /** CDK/SST: {@code AWS::ApiGatewayV2::Route} → its {@code Integration} → a function of the template. */
    void v2Route(Resource r, Map<String, String> functionsByArn) {
        reading.knownProperties(r, Reading.names("ApiId", "RouteKey", "AuthorizationType", "Target", "AuthorizerId",
                "AuthorizationScopes"), Reading.names("OperationName", "ApiKeyRequired", "RequestModels",
                "RequestParameters", "RouteResponseSelectionExpression", "ModelSelectionExpression"));
        String apiId = reading.string(r, "ApiId");
        if (api == null || apiId == null || !apiId.equals(api.apiId())) {
            reading.problem(r.at("ApiId"), "expected !Ref of the template's AWS::ApiGatewayV2::Api");
            return;
        }
        String routeKey = reading.requiredString(r, "RouteKey", "a route key such as \"GET /notes\"");
        String auth = reading.string(r, "AuthorizationType");
        auth = auth == null ? "NONE" : auth;
        if (!auth.equals("NONE") && !auth.equals("AWS_IAM")) {
            reading.problem(r.at("AuthorizationType"), "not emulated: authorization " + auth + "; expected AWS_IAM "
                    + "or NONE");
        }
        String target = reading.requiredString(r, "Target", "integrations/<integration id>");
        if (target == null) {
            return;
        }
        Resource integration = resources.values().stream()
                .filter(i -> i.type().equals("AWS::ApiGatewayV2::Integration"))
                .filter(i -> target.equals("integrations/" + reading.stack.ref(i.logicalId(), i.pointer()).asText()))
                .findFirst().orElse(null);
        if (integration == null) {
            reading.problem(r.at("Target"), "expected integrations/<id> of an AWS::ApiGatewayV2::Integration of the "
                    + "template, got \"" + target + "\"");
            return;
        }
        String function = integrationFunction(integration, functionsByArn);
        if (function != null && routeKey != null) {
            add(new Route(routeKey, function, auth, r.pointer()));
        }
    }

    private String integrationFunction(Resource i, Map<String, String> functionsByArn) {
        reading.knownProperties(i, Reading.names("ApiId", "IntegrationType", "IntegrationUri",
                "PayloadFormatVersion"), Reading.names("IntegrationMethod", "TimeoutInMillis", "Description",
                "ConnectionType", "CredentialsArn", "RequestParameters", "ResponseParameters"));
        String type = reading.string(i, "IntegrationType");
        if (!"AWS_PROXY".equals(type)) {
            reading.problem(i.properties().has("IntegrationType") ? i.at("IntegrationType") : i.propertiesPointer(),
                    "not emulated: integration type " + type + "; expected AWS_PROXY to a function of the template");
            return null;
        }
        String version = reading.string(i, "PayloadFormatVersion");
        if (version != null && !version.equals("2.0")) {
            reading.problem(i.at("PayloadFormatVersion"), "not emulated yet: payload format " + version
                    + " on an HTTP API; expected 2.0");
        }
        String uri = reading.requiredString(i, "IntegrationUri", "the function's ARN");
        if (uri == null) {
            return null;
        }
        for (Map.Entry<String, String> f : functionsByArn.entrySet()) {
            if (uri.equals(f.getKey()) || uri.contains("/functions/" + f.getKey() + "/invocations")) {
                return f.getValue();
            }
        }
        reading.problem(i.at("IntegrationUri"), "expected the ARN of a function of the template, got \"" + uri + "\"");
        return null;
    }

    private void add(Route route) {
        try {
            RouteKey.parse(route.routeKey());
        } catch (IllegalArgumentException e) {
            reading.problem(route.pointer(), e.getMessage());
            return;
        }
        for (Route existing : routes) {
            if (existing.routeKey().equals(route.routeKey())) {
                reading.problem(route.pointer(), "route " + route.routeKey() + " is defined twice (also by "
                        + existing.function() + ")");
                return;
            }
        }
        routes.add(route);
    }

    private String ref(Resource r) {
        return reading.attempt(() -> reading.stack.ref(r.logicalId(), r.pointer()).asText(), r.logicalId());
    }
}
