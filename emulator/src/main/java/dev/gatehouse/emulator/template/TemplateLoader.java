package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.ConfigException;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SAM or CloudFormation template (YAML with the short tags, or JSON) into the same {@link GatehouseConfig} the
 * JSON configuration gives: the API and its routes to Java handlers, the tables, the user pool and its client, the
 * identity pool and its roles, and the template's outputs. Every problem is reported at once, as
 * {@code file:line: field: what is expected}; a template with any problem gives no configuration.
 */
public final class TemplateLoader {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";

    private static final Set<String> TOP_LEVEL = Reading.names("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs");
    private static final Set<String> RESOURCE_KEYS = Reading.names("Type", "Properties", "Condition", "DependsOn",
            "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy");
    private static final Set<String> TRANSFORMS = Set.of("AWS::Serverless-2016-10-31", "AWS::LanguageExtensions");
    /** Resources whose effect Gatehouse has without reading them (permissions to invoke, deployments). */
    private static final Set<String> IMPLIED = Set.of("AWS::Lambda::Permission", "AWS::ApiGatewayV2::Deployment",
            "AWS::CDK::Metadata", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");
    private static final Map<String, String> GLOBALS = Map.of("AWS::Serverless::Function", "Function",
            "AWS::Serverless::HttpApi", "HttpApi", "AWS::Serverless::SimpleTable", "SimpleTable",
            "AWS::Serverless::Api", "Api");

    private TemplateLoader() {
    }

    /**
     * @param overrides {@code --parameter-overrides} values by parameter name
     * @param users     a JSON array of test users shaped like the configuration's {@code users}, or null
     * @param imports   a JSON object of export name to value for {@code Fn::ImportValue}, or null
     */
    public static StackTemplate load(Path template, Map<String, String> overrides, Path users, Path imports) {
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(template + ": no such template");
        } catch (IOException e) {
            throw new ConfigException(template + ": cannot read: " + e.getMessage());
        }
        List<GatehouseConfig.User> testUsers = users == null ? List.of() : ConfigLoader.loadUsers(users);
        Map<String, String> exports = imports == null ? Map.of() : readImports(imports);
        Path absolute = template.toAbsolutePath().normalize();
        return read(text, template.toString(), absolute, overrides, testUsers, exports);
    }

    static StackTemplate read(String text, String name, Path source, Map<String, String> overrides,
                              List<GatehouseConfig.User> users, Map<String, String> imports) {
        TemplateDocument doc = TemplateDocument.parse(text, name);
        if (!doc.root().isObject()) {
            throw new ConfigException(name + ":1: (top level): expected a template (an object with Resources)");
        }
        Stack stack = new Stack(doc, stackName(source), REGION, ACCOUNT_ID, imports);
        Reading reading = new Reading(stack, doc);
        readStructure(doc, reading);
        stack.readParameters(overrides, reading.problems);
        Map<String, Resource> active = resources(doc, stack, reading);
        StackTemplate result = translate(doc, stack, reading, active, source, users);
        if (!reading.problems.isEmpty()) {
            throw new ConfigException(reading.problems);
        }
        return result;
    }

    private static void readStructure(TemplateDocument doc, Reading reading) {
        for (Iterator<String> it = doc.root().fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                reading.problem("/" + key, "unknown section; expected one of " + String.join(", ", TOP_LEVEL));
            }
        }
        JsonNode transform = doc.root().get("Transform");
        List<String> transforms = new ArrayList<>();
        if (transform != null) {
            if (transform.isArray()) {
                transform.forEach(t -> transforms.add(t.asText()));
            } else {
                transforms.add(transform.asText());
            }
        }
        for (String t : transforms) {
            if (!TRANSFORMS.contains(t)) {
                reading.problem("/Transform", "not emulated: the transform " + t + "; Gatehouse reads "
                        + String.join(" and ", TRANSFORMS));
            }
        }
        boolean sam = transforms.contains("AWS::Serverless-2016-10-31");
        JsonNode resources = doc.root().get("Resources");
        if (resources == null || !resources.isObject() || resources.isEmpty()) {
            reading.problem("/Resources", "expected Resources: an object of resources");
            return;
        }
        resources.fields().forEachRemaining(e -> {
            String at = TemplateDocument.child("/Resources", e.getKey());
            if (e.getKey().startsWith("Fn::ForEach")) {
                reading.problem(at, "not emulated: Fn::ForEach");
                return;
            }
            String type = e.getValue().path("Type").asText("");
            if (type.startsWith("AWS::Serverless::") && !sam) {
                reading.problem(TemplateDocument.child(at, "Type"), type + " needs Transform: "
                        + "AWS::Serverless-2016-10-31");
            }
        });
    }

    /** The resources whose Condition holds, with SAM's Globals merged into their properties. */
    private static Map<String, Resource> resources(TemplateDocument doc, Stack stack, Reading reading) {
        JsonNode resources = doc.root().path("Resources");
        JsonNode globals = doc.root().path("Globals");
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = TemplateDocument.child("/Resources", e.getKey());
            JsonNode definition = e.getValue();
            if (!definition.isObject()) {
                reading.problem(at, "expected a resource {Type, Properties}");
                continue;
            }
            definition.fieldNames().forEachRemaining(k -> {
                if (!RESOURCE_KEYS.contains(k)) {
                    reading.problem(TemplateDocument.child(at, k), "unknown resource attribute; expected one of "
                            + String.join(", ", RESOURCE_KEYS));
                }
            });
            if (!definition.path("Type").isTextual()) {
                reading.problem(at, "Type is missing; expected a resource type such as AWS::DynamoDB::Table");
                continue;
            }
            String type = definition.get("Type").asText();
            JsonNode properties = definition.get("Properties");
            String global = GLOBALS.get(type);
            if (global != null && globals.has(global)) {
                properties = Stack.mergeGlobals(globals.get(global), properties);
            }
            JsonNode condition = definition.get("Condition");
            stack.addResource(new Resource(e.getKey(), type, at, properties,
                    condition == null ? null : condition.asText()));
        }
        if (samHttpEventWithoutApi(stack.resources().values()) && !stack.resources().containsKey(ApiReader.IMPLICIT_API)) {
            ObjectNode implicit = TemplateDocument.JSON.createObjectNode();
            if (globals.has("HttpApi")) {
                implicit.setAll((ObjectNode) globals.get("HttpApi"));
            }
            stack.addResource(new Resource(ApiReader.IMPLICIT_API, "AWS::Serverless::HttpApi", "/Resources",
                    implicit, null));
        }
        if (samEventWithoutApi(stack.resources().values(), "Api", "RestApiId")
                && !stack.resources().containsKey(ApiReader.IMPLICIT_REST_API)) {
            ObjectNode implicit = TemplateDocument.JSON.createObjectNode();
            if (globals.has("Api")) {
                implicit.setAll((ObjectNode) globals.get("Api"));
            }
            implicit.put("StageName", "Prod");
            stack.addResource(new Resource(ApiReader.IMPLICIT_REST_API, "AWS::Serverless::Api", "/Resources",
                    implicit, null));
        }
        Map<String, Resource> active = new LinkedHashMap<>();
        for (Resource r : stack.resources().values()) {
            if (reading.attempt(() -> stack.active(r), false)) {
                active.put(r.logicalId(), r);
            }
        }
        return active;
    }

    private static boolean samHttpEventWithoutApi(Iterable<Resource> resources) {
        return samEventWithoutApi(resources, "HttpApi", "ApiId");
    }

    /** A SAM function with an event of this type that names no API (SAM then makes its implicit API). */
    private static boolean samEventWithoutApi(Iterable<Resource> resources, String type, String apiField) {
        for (Resource r : resources) {
            if (r.type().equals("AWS::Serverless::Function")) {
                for (JsonNode event : r.properties().path("Events")) {
                    if (event.path("Type").asText().equals(type) && !event.path("Properties").has(apiField)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static StackTemplate translate(TemplateDocument doc, Stack stack, Reading reading,
                                           Map<String, Resource> active, Path source,
                                           List<GatehouseConfig.User> users) {
        ApiReader apis = new ApiReader(reading, active);
        apis.readApis();
        FunctionReader functionReader = new FunctionReader(reading, source.getParent());
        TableReader tableReader = new TableReader(reading);
        Map<String, FunctionReader.Function> functions = new LinkedHashMap<>();
        Map<String, String> functionsByArn = new LinkedHashMap<>();
        List<GatehouseConfig.Table> tables = new ArrayList<>();
        Map<String, List<Resource>> cognito = new LinkedHashMap<>();
        List<String> notEmulated = new ArrayList<>();
        for (Resource r : active.values()) {
            switch (r.type()) {
                case "AWS::Serverless::Function", "AWS::Lambda::Function" -> {
                    JsonNode metadata = doc.root().path("Resources").path(r.logicalId()).get("Metadata");
                    functions.put(r.logicalId(), functionReader.read(r, metadata));
                    reading.attempt(() -> functionsByArn.put(stack.getAtt(r.logicalId(), "Arn", r.pointer()).asText(),
                            r.logicalId()), null);
                }
                case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> tables.add(tableReader.read(r));
                case "AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient", "AWS::Cognito::IdentityPool",
                     "AWS::Cognito::IdentityPoolRoleAttachment" ->
                        cognito.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
                case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Route",
                     "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Stage", "AWS::Serverless::Api",
                     "AWS::ApiGateway::RestApi" -> {
                }
                default -> {
                    if (!IMPLIED.contains(r.type())) {
                        notEmulated.add(r.type() + " " + r.logicalId());
                    }
                }
            }
        }
        for (Resource r : active.values()) {
            if (r.type().equals("AWS::Serverless::Function")) {
                apis.samEvents(r);
            }
        }
        for (Resource r : active.values()) {
            if (r.type().equals("AWS::ApiGatewayV2::Route")) {
                apis.v2Route(r, functionsByArn);
            }
        }
        GatehouseConfig.Api api = null;
        if (apis.api == null) {
            reading.problem("/Resources", "no API: expected an AWS::Serverless::HttpApi or AWS::Serverless::Api (or "
                    + "functions with HttpApi or Api events) or an AWS::ApiGatewayV2::Api");
        } else {
            ApiReader.Api a = apis.withStage();
            api = new GatehouseConfig.Api(a.apiId(), a.stage(),
                    "REST".equals(a.type()) ? GatehouseConfig.Api.Type.REST : GatehouseConfig.Api.Type.HTTP, a.cors());
        }
        List<GatehouseConfig.Route> routes = routes(reading, apis.routes, functions);
        checkHandlers(reading, functions.values());
        Set<String> routed = new java.util.HashSet<>();
        apis.routes.forEach(r -> routed.add(r.function()));
        functions.keySet().stream().filter(f -> !routed.contains(f))
                .forEach(f -> notEmulated.add("function " + f + " (no HttpApi route reaches it)"));

        CognitoReader cognitoReader = new CognitoReader(reading);
        RoleReader roles = new RoleReader(reading, active.values());
        Resource pool = one(reading, cognito, "AWS::Cognito::UserPool");
        Resource client = one(reading, cognito, "AWS::Cognito::UserPoolClient");
        Resource identityPool = one(reading, cognito, "AWS::Cognito::IdentityPool");
        Resource attachment = cognito.getOrDefault("AWS::Cognito::IdentityPoolRoleAttachment", List.of()).stream()
                .findFirst().orElse(null);
        GatehouseConfig.UserPool userPool = pool != null && client != null ? cognitoReader.userPool(pool, client)
                : null;
        GatehouseConfig.IdentityPool identity = identityPool != null
                ? cognitoReader.identityPool(identityPool, attachment, userPool, roles) : null;
        notEmulated.addAll(reading.warnings);

        Map<String, String> outputs = outputs(doc, stack, reading);
        GatehouseConfig config = new GatehouseConfig(source, stack.region(), stack.accountId(), api,
                new GatehouseConfig.FunctionDefaults(3, 128, Map.of()), routes, tables, userPool, identity,
                // the developer's keys: random per data directory (or per start), as for a configuration without them
                new GatehouseConfig.Developer("gatehouse-developer", "AIDAGATEHOUSEDEVELOPR", null, null), users,
                outputs);
        return new StackTemplate(config, List.copyOf(notEmulated));
    }

    private static List<GatehouseConfig.Route> routes(Reading reading, List<ApiReader.Route> routes,
                                                      Map<String, FunctionReader.Function> functions) {
        List<GatehouseConfig.Route> out = new ArrayList<>();
        if (routes.isEmpty()) {
            reading.problem("/Resources", "no route: expected a function with an HttpApi or Api event (SAM) or "
                    + "an AWS::ApiGatewayV2::Route");
        }
        for (ApiReader.Route route : routes) {
            FunctionReader.Function f = functions.get(route.function());
            if (f == null) {
                reading.problem(route.pointer(), "no function " + route.function() + " in the template");
                continue;
            }
            if (f.runtime() == null || f.handler() == null) {
                continue;
            }
            // Java in process, in the code's own class loader; the other runtimes in processes (Lambda Runtime API)
            GatehouseConfig.Code code = new GatehouseConfig.Code(f.runtime(), f.codeUri(),
                    f.reservedConcurrency() == null ? GatehouseConfig.Code.DEFAULT_RESERVED_CONCURRENCY
                            : f.reservedConcurrency(), f.java() ? "in-process" : "process");
            out.add(new GatehouseConfig.Route(route.routeKey(), f.handler(), route.authorization(), f.timeoutSeconds(),
                    f.memorySizeMb(), Map.copyOf(f.environment()), code));
        }
        return out;
    }

    /** Each Java handler class is in its code (a jar, Maven module or classes folder), or an error at its line. */
    private static void checkHandlers(Reading reading, Iterable<FunctionReader.Function> functions) {
        Map<Path, java.net.URLClassLoader> loaders = new LinkedHashMap<>();
        try {
            for (FunctionReader.Function f : functions) {
                if (!f.java() || f.codeUri() == null || f.handler() == null || !Files.exists(f.codeUri())) {
                    continue;
                }
                String properties = TemplateDocument.child(f.pointer(), "Properties");
                java.net.URLClassLoader loader = loaders.get(f.codeUri());
                if (loader == null && !loaders.containsKey(f.codeUri())) {
                    try {
                        loader = dev.gatehouse.emulator.lambda.CodeLocation.classLoader(f.codeUri(),
                                TemplateLoader.class.getClassLoader());
                    } catch (IllegalArgumentException e) {
                        reading.problem(TemplateDocument.child(properties, "CodeUri"), e.getMessage());
                    }
                    loaders.put(f.codeUri(), loader);
                }
                if (loader == null) {
                    continue;
                }
                String className = f.handler().contains("::") ? f.handler().substring(0, f.handler().indexOf("::"))
                        : f.handler();
                try {
                    Class.forName(className, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    reading.problem(TemplateDocument.child(properties, "Handler"), "class " + className + " is not in "
                            + f.codeUri() + (e instanceof LinkageError ? " (" + e + ")" : ""));
                }
            }
        } finally {
            for (java.net.URLClassLoader loader : loaders.values()) {
                try {
                    if (loader != null) {
                        loader.close();
                    }
                } catch (IOException ignored) {
                    // closing jar files
                }
            }
        }
    }

    private static Resource one(Reading reading, Map<String, List<Resource>> byType, String type) {
        List<Resource> list = byType.getOrDefault(type, List.of());
        if (list.isEmpty()) {
            reading.problem("/Resources", "no " + type + ": Gatehouse serves APIs whose callers sign in with a "
                    + "Cognito user pool and get credentials from an identity pool");
            return null;
        }
        for (int i = 1; i < list.size(); i++) {
            reading.problem(list.get(i).pointer(), "Gatehouse emulates one " + type + "; " + list.get(0).logicalId()
                    + " is the first");
        }
        return list.get(0);
    }

    private static Map<String, String> outputs(TemplateDocument doc, Stack stack, Reading reading) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode outputs = doc.root().get("Outputs");
        if (outputs == null) {
            return out;
        }
        outputs.fields().forEachRemaining(e -> {
            String at = TemplateDocument.child("/Outputs", e.getKey());
            JsonNode output = e.getValue();
            if (output.has("Condition") && !reading.attempt(() -> stack.condition(output.get("Condition").asText(),
                    TemplateDocument.child(at, "Condition")), false)) {
                return;
            }
            if (!output.has("Value")) {
                reading.problem(at, "Value is missing");
                return;
            }
            JsonNode value = reading.attempt(() -> stack.intrinsics().resolve(output.get("Value"),
                    TemplateDocument.child(at, "Value")), null);
            if (value != null) {
                if (!value.isValueNode() || value.isNull()) {
                    reading.problem(TemplateDocument.child(at, "Value"), "expected a string, got "
                            + Intrinsics.describe(value));
                } else {
                    out.put(e.getKey(), value.asText());
                }
            }
            if (output.has("Export")) {
                reading.attempt(() -> stack.intrinsics().resolve(output.get("Export"),
                        TemplateDocument.child(at, "Export")), null);
            }
        });
        return out;
    }

    /** The folder's name, as {@code sam deploy} users often name the stack after it. */
    private static String stackName(Path source) {
        Path parent = source.getParent();
        String name = parent == null || parent.getFileName() == null ? "gatehouse" : parent.getFileName().toString();
        name = name.replaceAll("[^A-Za-z0-9-]", "-");
        return name.matches("[A-Za-z].*") ? name : "stack-" + name;
    }

    private static Map<String, String> readImports(Path file) {
        try {
            JsonNode node = TemplateDocument.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new ConfigException(file + ":1: expected a JSON object of export name to value");
            }
            Map<String, String> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw new ConfigException(file + ": " + e.getKey() + ": expected a string value");
                }
                out.put(e.getKey(), e.getValue().asText());
            });
            return out;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such imports file");
        } catch (IOException e) {
            throw new ConfigException(file + ": not a JSON object of export name to value: " + e.getMessage());
        }
    }
}
