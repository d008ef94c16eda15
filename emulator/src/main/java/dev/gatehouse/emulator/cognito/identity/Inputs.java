package dev.gatehouse.emulator.cognito.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation of request members against the cognito-identity model's constraints, with AWS's wording. */
final class Inputs {
    static final Pattern IDENTITY_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d+");
    private static final int MAX_LOGINS = 10;

    private Inputs() {
    }

    /** An {@code IdentityPoolId} or {@code IdentityId}: required, {@code [\w-]+:[0-9a-f-]+}, 1 to 55 characters. */
    static String requiredId(JsonNode input, String member) {
        String value = optionalString(input, member)
                .orElseThrow(() -> invalid("Value null at '" + camel(member) + "' failed to satisfy constraint: "
                        + "Member must not be null"));
        return checkId(value, member);
    }

    static String checkId(String value, String member) {
        if (value.isEmpty() || value.length() > 55) {
            throw invalid("Value '" + value + "' at '" + camel(member) + "' failed to satisfy constraint: "
                    + "Member must have length between 1 and 55");
        }
        if (!IDENTITY_ID.matcher(value).matches()) {
            throw invalid("Value '" + value + "' at '" + camel(member) + "' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + IDENTITY_ID.pattern());
        }
        return value;
    }

    static Optional<String> accountId(JsonNode input) {
        Optional<String> value = optionalString(input, "AccountId");
        value.ifPresent(v -> {
            if (v.isEmpty() || v.length() > 15 || !ACCOUNT_ID.matcher(v).matches()) {
                throw invalid("Value '" + v + "' at 'accountId' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: \\d+ and have length between 1 and 15");
            }
        });
        return value;
    }

    /** {@code Logins}: a map of up to 10 provider names to tokens; empty when absent or null. */
    static Map<String, String> logins(JsonNode input) {
        JsonNode node = input.get("Logins");
        Map<String, String> logins = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return logins;
        }
        if (!node.isObject()) {
            throw invalid("Value at 'logins' failed to satisfy constraint: Member must be a map of strings");
        }
        if (node.size() > MAX_LOGINS) {
            throw invalid("Value at 'logins' failed to satisfy constraint: Member must have length less than or "
                    + "equal to " + MAX_LOGINS);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty() || e.getKey().length() > 128) {
                throw invalid("Value at 'logins' failed to satisfy constraint: Map keys must have length between 1 "
                        + "and 128");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()
                    || e.getValue().asText().length() > 50000) {
                throw invalid("Value at 'logins." + e.getKey() + "' failed to satisfy constraint: Member must be a "
                        + "string of length between 1 and 50000");
            }
            logins.put(e.getKey(), e.getValue().asText());
        }
        return logins;
    }

    static Optional<String> optionalString(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw invalid("Value at '" + camel(member) + "' failed to satisfy constraint: Member must be a string");
        }
        return Optional.of(node.asText());
    }

    static AwsJsonError invalid(String constraint) {
        return AwsJsonError.invalidParameter("1 validation error detected: " + constraint);
    }

    private static String camel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
