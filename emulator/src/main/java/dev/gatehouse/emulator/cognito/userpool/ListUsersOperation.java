package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListUsers: {@code Limit} (1..60, default 60), {@code PaginationToken}, {@code AttributesToGet} and a {@code Filter}
 * of Cognito's form {@code attribute = "value"} (exact) or {@code attribute ^= "value"} (prefix), on the attributes
 * AWS lets one search: {@code username} (Cognito's username, here the {@code sub}), {@code email}, {@code phone_number},
 * {@code name}, {@code given_name}, {@code family_name}, {@code preferred_username}, {@code cognito:user_status},
 * {@code status} ({@code Enabled}/{@code Disabled}) and {@code sub}.
 */
final class ListUsersOperation {
    private static final Pattern FILTER =
            Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final Set<String> SEARCHABLE = Set.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");

    private final PoolState pool;

    ListUsersOperation(PoolState pool) {
        this.pool = pool;
    }

    ObjectNode listUsers(JsonNode body) {
        Input in = new Input(body);
        int limit = in.optionalInt("Limit", 0, 60).filter(l -> l > 0).orElse(60);
        String after = in.optional("PaginationToken", Pattern.compile("[\\S]+"), 1024)
                .map(ListUsersOperation::decodeToken).orElse(null);
        Predicate<StoredUser> filter = in.optional("Filter", null, 256).map(ListUsersOperation::parse)
                .orElse(u -> true);
        Set<String> attributesToGet = attributesToGet(body.get("AttributesToGet"));
        List<StoredUser> matching = pool.users().all().stream()
                .filter(u -> after == null || UserStore.emailKey(u.email()).compareTo(after) > 0)
                .filter(filter).toList();
        ArrayNode users = Shapes.JSON.arrayNode();
        for (StoredUser u : matching.subList(0, Math.min(limit, matching.size()))) {
            ObjectNode user = Shapes.userType(u, "Attributes");
            if (attributesToGet != null) {
                ArrayNode kept = Shapes.JSON.arrayNode();
                user.withArray("Attributes").forEach(a -> {
                    if (attributesToGet.contains(a.get("Name").asText())) {
                        kept.add(a);
                    }
                });
                user.set("Attributes", kept);
            }
            users.add(user);
        }
        ObjectNode out = Shapes.JSON.objectNode();
        out.set("Users", users);
        if (matching.size() > limit) {
            String last = UserStore.emailKey(matching.get(limit - 1).email());
            out.put("PaginationToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static Predicate<StoredUser> parse(String filter) {
        if (filter.isBlank()) {
            return u -> true;
        }
        Matcher m = FILTER.matcher(filter);
        if (!m.matches() || !SEARCHABLE.contains(m.group(1))) {
            throw AwsJsonError.invalidParameter("Error while parsing filter.");
        }
        String attribute = m.group(1);
        boolean prefix = m.group(2).equals("^=");
        String value = m.group(3).replaceAll("\\\\(.)", "$1");
        // AWS: username and status are case-sensitive, cognito:user_status is not; email is matched without regard
        // to case, as Gatehouse keeps it (a choice: AWS does not say)
        boolean ignoreCase = attribute.equals("email") || attribute.equals("cognito:user_status");
        return u -> {
            String actual = switch (attribute) {
                case "username", "sub" -> u.sub();
                case "cognito:user_status" -> u.status();
                case "status" -> u.enabled() ? "Enabled" : "Disabled";
                default -> u.attributes().get(attribute);
            };
            if (actual == null) {
                return false;
            }
            String a = ignoreCase ? actual.toLowerCase(Locale.ROOT) : actual;
            String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            return prefix ? a.startsWith(v) : a.equals(v);
        };
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsJsonError.invalidParameter("Invalid pagination token.");
        }
    }

    private static Set<String> attributesToGet(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw Input.error("Value at 'attributesToGet' failed to satisfy constraint: Member must be a list");
        }
        Set<String> names = new HashSet<>();
        node.forEach(n -> {
            if (!n.isTextual()) {
                throw Input.error("Value at 'attributesToGet' failed to satisfy constraint: Member must be a list "
                        + "of strings");
            }
            names.add(n.textValue());
        });
        return names;
    }
}
