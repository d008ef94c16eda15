package dev.gatehouse.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An identity-based IAM policy, validated when loaded, evaluated as IAM does for one principal's policy: an explicit
 * Deny wins, then any Allow, otherwise the request is implicitly denied. Actions match case-insensitively, resources
 * case-sensitively, both with {@code *} and {@code ?}. In a {@code 2012-10-17} policy the variables
 * {@code ${cognito-identity.amazonaws.com:sub}} (the identity id) and {@code ${cognito-identity.amazonaws.com:aud}}
 * (the identity pool id) are replaced; other variables are refused. Conditions: see {@link PolicyCondition}.
 */
public final class ExecuteApiPolicy {
    public static final String INVOKE = "execute-api:Invoke";
    private static final Set<String> FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    private final List<PolicyStatement> statements;

    private ExecuteApiPolicy(List<PolicyStatement> statements) {
        this.statements = statements;
    }

    /** Validates and loads a policy document; throws {@link IllegalArgumentException} naming the faulty field. */
    public static ExecuteApiPolicy parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("policy: expected a JSON object");
        }
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown field (expected Version, Id, Statement)");
            }
        }
        JsonNode version = document.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw new IllegalArgumentException("Version: expected 2012-10-17 or 2008-10-17");
        }
        // Without a version IAM reads the policy as 2008-10-17, where ${...} is literal text.
        boolean withVariables = version != null && version.asText().equals("2012-10-17");
        JsonNode statement = document.get("Statement");
        if (statement == null || !(statement.isObject() || (statement.isArray() && !statement.isEmpty()))) {
            throw new IllegalArgumentException("Statement: expected an object or a non-empty array of objects");
        }
        List<PolicyStatement> parsed = new ArrayList<>();
        if (statement.isObject()) {
            parsed.add(PolicyStatement.parse(statement, 0, withVariables));
        } else {
            for (int i = 0; i < statement.size(); i++) {
                parsed.add(PolicyStatement.parse(statement.get(i), i, withVariables));
            }
        }
        return new ExecuteApiPolicy(List.copyOf(parsed));
    }

    /** Evaluates {@code execute-api:Invoke} on {@code resourceArn} for a caller with this identity (null: none). */
    public PolicyDecision evaluateInvoke(String resourceArn, CognitoIdentity identity) {
        return evaluate(INVOKE, resourceArn, identity);
    }

    public PolicyDecision evaluate(String action, String resourceArn, CognitoIdentity identity) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceArn, "resourceArn");
        RequestContext context = new RequestContext(identity);
        int firstAllow = -1;
        for (PolicyStatement s : statements) {
            if (s.applies(action, resourceArn, context)) {
                if (!s.allow()) {
                    return new PolicyDecision(PolicyDecision.Verdict.EXPLICIT_DENY, s.index());
                }
                if (firstAllow < 0) {
                    firstAllow = s.index();
                }
            }
        }
        return firstAllow >= 0
                ? new PolicyDecision(PolicyDecision.Verdict.ALLOW, firstAllow)
                : new PolicyDecision(PolicyDecision.Verdict.IMPLICIT_DENY, -1);
    }

    /**
     * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>}, the resource API Gateway
     * authorizes. {@code stage} is the stage name, {@code $default} literally for the default stage; {@code path} is
     * the request path without the stage prefix, with or without its leading slash ({@code "/"} gives an empty
     * resource path, as for the API's root).
     */
    public static String resourceArn(String region, String accountId, String apiId, String stage, String method,
                                     String path) {
        String resourcePath = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        return "arn:aws:execute-api:" + region + ":" + accountId + ":" + apiId + "/" + stage + "/"
                + method.toUpperCase(Locale.ROOT) + "/" + resourcePath;
    }
}
