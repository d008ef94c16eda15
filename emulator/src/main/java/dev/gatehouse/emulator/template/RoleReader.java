package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code AWS::IAM::Role} with its inline {@code Policies}, {@code ManagedPolicyArns} (the template's own
 * {@code AWS::IAM::ManagedPolicy} and AWS's {@code AmazonAPIGatewayInvokeFullAccess}), and the
 * {@code AWS::IAM::Policy} / {@code AWS::IAM::ManagedPolicy} resources attached to it: one policy document whose
 * statements the identity pool's credentials are evaluated against on every call ({@code execute-api:Invoke}).
 */
final class RoleReader {
    static final String INVOKE_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ROLE_READ = Reading.names("RoleName", "Policies", "ManagedPolicyArns");
    private static final Set<String> ROLE_IGNORED = Reading.names("AssumeRolePolicyDocument", "Path", "Description",
            "MaxSessionDuration", "PermissionsBoundary", "Tags");

    private final Reading reading;
    private final Map<String, Resource> rolesByArn = new LinkedHashMap<>();
    private final List<Resource> policies = new ArrayList<>();
    private final Map<String, Resource> managedByArn = new LinkedHashMap<>();

    RoleReader(Reading reading, Iterable<Resource> resources) {
        this.reading = reading;
        for (Resource r : resources) {
            switch (r.type()) {
                case "AWS::IAM::Role" -> reading.attempt(() -> rolesByArn.put(
                        reading.stack.getAtt(r.logicalId(), "Arn", r.pointer()).asText(), r), null);
                case "AWS::IAM::Policy" -> policies.add(r);
                case "AWS::IAM::ManagedPolicy" -> {
                    policies.add(r);
                    reading.attempt(() -> managedByArn.put(reading.stack.ref(r.logicalId(), r.pointer()).asText(), r),
                            null);
                }
                default -> {
                }
            }
        }
    }

    /** The role of the template with this ARN, its statements gathered; null (with a problem) when there is none. */
    GatehouseConfig.Role roleByArn(String arn, String pointer) {
        Resource role = rolesByArn.get(arn);
        if (role == null) {
            reading.problem(pointer, "expected the ARN of an AWS::IAM::Role of the template (!GetAtt Role.Arn), got \""
                    + arn + "\"");
            return null;
        }
        reading.knownProperties(role, ROLE_READ, ROLE_IGNORED);
        String name = reading.attempt(() -> reading.stack.ref(role.logicalId(), role.pointer()).asText(),
                role.logicalId());
        ArrayNode statements = NODES.arrayNode();
        JsonNode inline = reading.property(role, "Policies");
        if (inline != null) {
            for (int i = 0; i < inline.size(); i++) {
                addStatements(inline.get(i).get("PolicyDocument"), TemplateDocument.child(role.at("Policies"), i),
                        statements);
            }
        }
        List<String> managed = reading.strings(role, "ManagedPolicyArns");
        for (String policyArn : managed) {
            if (policyArn.equals(INVOKE_FULL_ACCESS)) {
                statements.add(NODES.objectNode().put("Effect", "Allow")
                        .set("Action", NODES.arrayNode().add("execute-api:Invoke").add("execute-api:ManageConnections")))
                        ;
                ((ObjectNode) statements.get(statements.size() - 1)).put("Resource", "arn:aws:execute-api:*:*:*");
            } else if (managedByArn.containsKey(policyArn)) {
                Resource p = managedByArn.get(policyArn);
                addStatements(reading.property(p, "PolicyDocument"), p.at("PolicyDocument"), statements);
            } else {
                reading.problem(role.at("ManagedPolicyArns"), "not emulated: the managed policy " + policyArn
                        + " (its statements are not known here); put the statements in Policies, or use "
                        + INVOKE_FULL_ACCESS);
            }
        }
        String roleRef = name;
        for (Resource p : policies) {
            List<String> roles = reading.strings(p, "Roles");
            if (roles.contains(roleRef)) {
                reading.knownProperties(p, Reading.names("PolicyName", "ManagedPolicyName", "PolicyDocument", "Roles"),
                        Reading.names("Groups", "Users", "Description", "Path"));
                if (p.type().equals("AWS::IAM::Policy") || !managed.contains(
                        reading.attempt(() -> reading.stack.ref(p.logicalId(), p.pointer()).asText(), ""))) {
                    addStatements(reading.property(p, "PolicyDocument"), p.at("PolicyDocument"), statements);
                }
            }
        }
        ObjectNode document = NODES.objectNode().put("Version", "2012-10-17");
        document.set("Statement", statements);
        if (!name.matches("[\\w+=,.@-]{1,64}")) {
            reading.problem(role.pointer(), "expected an IAM role name of at most 64 letters, digits and +=,.@_-, "
                    + "got \"" + name + "\"");
        }
        return new GatehouseConfig.Role(name, reading.stack.ids().roleId(role.logicalId()), document);
    }

    private void addStatements(JsonNode document, String pointer, ArrayNode statements) {
        if (document == null || !document.isObject()) {
            reading.problem(pointer, "expected a policy document {Version, Statement}");
            return;
        }
        JsonNode s = document.get("Statement");
        if (s == null) {
            reading.problem(pointer, "expected a policy document with a Statement");
        } else if (s.isArray()) {
            s.forEach(statements::add);
        } else {
            statements.add(s);
        }
    }
}
