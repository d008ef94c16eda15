package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A template's names and what they resolve to: parameters (with defaults and overrides), pseudo parameters,
 * conditions, mappings, imports, and each resource's {@code Ref} value and attributes, as CloudFormation would give
 * them (ids made deterministic by {@link PhysicalIds}).
 */
final class Stack implements Intrinsics.Scope {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TemplateDocument doc;
    private final String stackName;
    private final String region;
    private final String accountId;
    private final PhysicalIds ids;
    private final Map<String, JsonNode> parameters = new LinkedHashMap<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private final Map<String, JsonNode> refs = new HashMap<>();
    private final Map<String, String> imports;
    private final Intrinsics intrinsics;

    Stack(TemplateDocument doc, String stackName, String region, String accountId, Map<String, String> imports) {
        this.doc = doc;
        this.stackName = stackName;
        this.region = region;
        this.accountId = accountId;
        this.ids = new PhysicalIds(stackName);
        this.imports = imports;
        this.intrinsics = new Intrinsics(this);
    }

    Intrinsics intrinsics() {
        return intrinsics;
    }

    PhysicalIds ids() {
        return ids;
    }

    @Override
    public String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    String stackName() {
        return stackName;
    }

    void addParameter(String name, JsonNode value) {
        parameters.put(name, value);
    }

    void addResource(Resource resource) {
        resources.put(resource.logicalId(), resource);
    }

    Map<String, Resource> resources() {
        return resources;
    }

    /** A resource with no {@code Condition}, or whose condition holds. */
    boolean active(Resource r) {
        return r.condition() == null || condition(r.condition(), TemplateDocument.child(r.pointer(), "Condition"));
    }

    /** The property with intrinsics applied; null when absent or {@code AWS::NoValue}. */
    JsonNode property(Resource r, String name) {
        JsonNode raw = r.properties().get(name);
        if (raw == null) {
            return null;
        }
        JsonNode value = intrinsics.resolve(raw, r.at(name));
        return value.isMissingNode() || value.isNull() ? null : value;
    }

    @Override
    public JsonNode ref(String name, String pointer) {
        switch (name) {
            case "AWS::Region":
                return NODES.textNode(region);
            case "AWS::AccountId":
                return NODES.textNode(accountId);
            case "AWS::StackName":
                return NODES.textNode(stackName);
            case "AWS::StackId":
                return NODES.textNode("arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName
                        + "/" + ids.identityPoolId(region, "stack").substring(region.length() + 1));
            case "AWS::Partition":
                return NODES.textNode("aws");
            case "AWS::URLSuffix":
                return NODES.textNode("amazonaws.com");
            case "AWS::NoValue":
                return Intrinsics.NO_VALUE;
            case "AWS::NotificationARNs":
                return NODES.arrayNode();
            default:
                break;
        }
        if (name.startsWith("AWS::")) {
            throw new TemplateError(pointer, "Ref: unknown pseudo parameter " + name + "; expected AWS::Region, "
                    + "AWS::AccountId, AWS::StackName, AWS::StackId, AWS::Partition, AWS::URLSuffix, AWS::NoValue or "
                    + "AWS::NotificationARNs");
        }
        JsonNode parameter = parameters.get(name);
        if (parameter != null) {
            return parameter;
        }
        Resource r = resources.get(name);
        if (r == null) {
            throw new TemplateError(pointer, "Ref: no parameter or resource named " + name);
        }
        JsonNode cached = refs.get(name);
        if (cached != null) {
            return cached;
        }
        if (!evaluating.add("ref:" + name)) {
            throw new TemplateError(pointer, "Ref: " + name + " refers to itself through its own name");
        }
        try {
            JsonNode value = NODES.textNode(refOf(r));
            refs.put(name, value);
            return value;
        } finally {
            evaluating.remove("ref:" + name);
        }
    }

    private String refOf(Resource r) {
        String id = r.logicalId();
        return switch (r.type()) {
            case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api", "AWS::Serverless::Api",
                 "AWS::ApiGateway::RestApi" -> ids.apiId(id);
            case "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration" -> ids.shortId(id);
            case "AWS::ApiGatewayV2::Stage" -> named(r, "StageName", id, 128);
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> named(r, "FunctionName", id, 64);
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> named(r, "TableName", id, 255);
            case "AWS::Cognito::UserPool" -> ids.userPoolId(region, id);
            case "AWS::Cognito::UserPoolClient" -> ids.clientId(id);
            case "AWS::Cognito::IdentityPool" -> ids.identityPoolId(region, id);
            case "AWS::IAM::Role" -> named(r, "RoleName", id, 64);
            default -> ids.generatedName(id, 128);
        };
    }

    private String named(Resource r, String property, String logicalId, int maxLength) {
        JsonNode name = property(r, property);
        if (name == null) {
            return ids.generatedName(logicalId, maxLength);
        }
        return Intrinsics.scalarText(name, r.at(property));
    }

    @Override
    public JsonNode getAtt(String resource, String attribute, String pointer) {
        Resource r = resources.get(resource);
        if (r == null) {
            throw new TemplateError(pointer, "Fn::GetAtt: no resource named " + resource);
        }
        String ref = ref(resource, pointer).asText();
        String value = switch (r.type()) {
            case "AWS::Cognito::UserPool" -> switch (attribute) {
                case "Arn" -> "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + ref;
                case "ProviderName" -> "cognito-idp." + region + ".amazonaws.com/" + ref;
                case "ProviderURL" -> "https://cognito-idp." + region + ".amazonaws.com/" + ref;
                case "UserPoolId" -> ref;
                default -> unknown(r, attribute, pointer, "Arn, ProviderName, ProviderURL, UserPoolId");
            };
            case "AWS::Cognito::UserPoolClient" -> switch (attribute) {
                case "ClientId" -> ref;
                case "ClientSecret" -> throw new TemplateError(pointer, "Fn::GetAtt: " + resource
                        + ".ClientSecret: Gatehouse's user pool clients have no secret (GenerateSecret is not "
                        + "emulated)");
                default -> unknown(r, attribute, pointer, "ClientId");
            };
            case "AWS::Cognito::IdentityPool" -> switch (attribute) {
                case "Name" -> "IdentityPool";
                case "Id" -> ref;
                default -> unknown(r, attribute, pointer, "Id, Name");
            };
            case "AWS::IAM::Role" -> switch (attribute) {
                case "Arn" -> "arn:aws:iam::" + accountId + ":role/" + ref;
                case "RoleId" -> ids.roleId(resource);
                default -> unknown(r, attribute, pointer, "Arn, RoleId");
            };
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> switch (attribute) {
                case "Arn" -> tableArn(ref);
                case "StreamArn" -> tableArn(ref) + "/stream/1970-01-01T00:00:00.000";
                default -> unknown(r, attribute, pointer, "Arn, StreamArn");
            };
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> switch (attribute) {
                case "Arn" -> "arn:aws:lambda:" + region + ":" + accountId + ":function:" + ref;
                default -> unknown(r, attribute, pointer, "Arn");
            };
            case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api" -> switch (attribute) {
                case "ApiEndpoint" -> "https://" + ref + ".execute-api." + region + ".amazonaws.com";
                case "ApiId" -> ref;
                default -> unknown(r, attribute, pointer, "ApiEndpoint, ApiId");
            };
            default -> attribute.equals("Arn") || attribute.endsWith("Arn")
                    ? "arn:aws:" + service(r.type()) + ":" + region + ":" + accountId + ":" + ref
                    : ref + "." + attribute;
        };
        return NODES.textNode(value);
    }

    private String tableArn(String name) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
    }

    private static String service(String type) {
        String[] parts = type.split("::");
        return parts.length > 1 ? parts[1].toLowerCase(java.util.Locale.ROOT) : type;
    }

    private static String unknown(Resource r, String attribute, String pointer, String known) {
        throw new TemplateError(pointer, "Fn::GetAtt: " + r.type() + " " + r.logicalId() + " has no attribute "
                + attribute + " that Gatehouse knows; expected " + known);
    }

    @Override
    public boolean condition(String name, String pointer) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definitions = doc.root().path("Conditions");
        if (!definitions.has(name)) {
            throw new TemplateError(pointer, "no condition named " + name + " in Conditions");
        }
        if (!evaluating.add("condition:" + name)) {
            throw new TemplateError(pointer, "condition " + name + " depends on itself");
        }
        try {
            boolean value = intrinsics.condition(definitions.get(name),
                    TemplateDocument.child("/Conditions", name));
            conditions.put(name, value);
            return value;
        } finally {
            evaluating.remove("condition:" + name);
        }
    }

    @Override
    public JsonNode importValue(String name, String pointer) {
        String value = imports.get(name);
        if (value == null) {
            throw new TemplateError(pointer, "Fn::ImportValue: no export named " + name + " in the imports file"
                    + (imports.isEmpty() ? " (pass --imports FILE: a JSON object of export name to value)"
                    : " (known: " + String.join(", ", imports.keySet()) + ")"));
        }
        return NODES.textNode(value);
    }

    @Override
    public JsonNode findInMap(String map, String topKey, String secondKey, String pointer) {
        JsonNode m = doc.root().path("Mappings").path(map);
        if (m.isMissingNode()) {
            throw new TemplateError(pointer, "Fn::FindInMap: no mapping named " + map + " in Mappings");
        }
        JsonNode value = m.path(topKey).path(secondKey);
        if (value.isMissingNode()) {
            throw new TemplateError(pointer, "Fn::FindInMap: mapping " + map + " has no " + topKey + "." + secondKey);
        }
        return intrinsics.resolve(value, TemplateDocument.child(TemplateDocument.child(
                TemplateDocument.child("/Mappings", map), topKey), secondKey));
    }

    /** Reads {@code Parameters}: each value from the overrides, else its Default, checked as CloudFormation would. */
    void readParameters(Map<String, String> overrides, List<String> problems) {
        JsonNode defined = doc.root().path("Parameters");
        for (String name : overrides.keySet()) {
            if (!defined.has(name)) {
                problems.add(doc.file() + ":" + doc.lineOf("/Parameters") + ": Parameters: --parameter-overrides "
                        + name + "=...: the template has no parameter " + name);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = defined.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = TemplateDocument.child("/Parameters", e.getKey());
            try {
                parameters.put(e.getKey(), parameter(e.getKey(), e.getValue(), overrides.get(e.getKey()), at));
            } catch (TemplateError error) {
                problems.add(doc.problem(error.pointer(), error.getMessage()));
            }
        }
    }

    private JsonNode parameter(String name, JsonNode definition, String override, String at) {
        String type = definition.path("Type").asText("");
        if (type.isEmpty()) {
            throw new TemplateError(at, "missing Type; expected String, Number, CommaDelimitedList, List<Number>, ...");
        }
        if (type.startsWith("AWS::SSM::Parameter::Value")) {
            throw new TemplateError(TemplateDocument.child(at, "Type"), type + ": values from SSM Parameter Store "
                    + "are not emulated; use Type String and --parameter-overrides " + name + "=VALUE");
        }
        String value = override;
        if (value == null) {
            JsonNode def = definition.get("Default");
            if (def == null || def.isNull()) {
                throw new TemplateError(at, "no value: give it a Default or pass --parameter-overrides " + name
                        + "=VALUE");
            }
            value = def.isArray() ? joined(def) : def.asText();
        }
        JsonNode allowed = definition.get("AllowedValues");
        if (allowed != null && allowed.isArray()) {
            List<String> values = new ArrayList<>();
            allowed.forEach(v -> values.add(v.asText()));
            if (!values.contains(value)) {
                throw new TemplateError(at, "value \"" + value + "\" is not one of AllowedValues " + values);
            }
        }
        JsonNode pattern = definition.get("AllowedPattern");
        if (pattern != null && !Pattern.compile(pattern.asText()).matcher(value).matches()) {
            throw new TemplateError(at, "value \"" + value + "\" does not match AllowedPattern " + pattern.asText());
        }
        if (definition.has("MinLength") && value.length() < definition.get("MinLength").asInt()
                || definition.has("MaxLength") && value.length() > definition.get("MaxLength").asInt()) {
            throw new TemplateError(at, "value \"" + value + "\" is not within MinLength/MaxLength");
        }
        if (type.equals("Number")) {
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TemplateError(at, "expected a number, got \"" + value + "\"");
            }
            if (definition.has("MinValue") && number < definition.get("MinValue").asDouble()
                    || definition.has("MaxValue") && number > definition.get("MaxValue").asDouble()) {
                throw new TemplateError(at, "value " + value + " is not within MinValue/MaxValue");
            }
        }
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            ArrayNode list = NODES.arrayNode();
            for (String part : value.split(",", -1)) {
                list.add(part.trim());
            }
            return list;
        }
        return NODES.textNode(value);
    }

    private static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    private static boolean isFunction(JsonNode node) {
        if (node.size() != 1) {
            return false;
        }
        String name = node.fieldNames().next();
        return name.equals("Ref") || name.startsWith("Fn::");
    }

    /** SAM's Globals: maps merge, lists append (the global's first), the resource's own scalars win. */
    static JsonNode mergeGlobals(JsonNode global, JsonNode own) {
        if (global == null) {
            return own;
        }
        if (own == null) {
            return global.deepCopy();
        }
        if (global.isObject() && own.isObject() && !isFunction(global) && !isFunction(own)) {
            ObjectNode out = ((ObjectNode) global).deepCopy();
            own.fields().forEachRemaining(e -> out.set(e.getKey(), mergeGlobals(global.get(e.getKey()), e.getValue())));
            return out;
        }
        if (global.isArray() && own.isArray()) {
            ArrayNode out = ((ArrayNode) global).deepCopy();
            out.addAll((ArrayNode) own.deepCopy());
            return out;
        }
        return own;
    }
}
