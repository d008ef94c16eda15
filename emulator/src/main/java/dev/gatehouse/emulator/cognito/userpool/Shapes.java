package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/** Cognito's response shapes: AttributeType lists, UserType, epoch-second timestamps. */
final class Shapes {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Shapes() {
    }

    /** Epoch seconds with milliseconds, written as a plain decimal ({@code 1700000000.123}). */
    static java.math.BigDecimal epochSeconds(Instant t) {
        return java.math.BigDecimal.valueOf(t.toEpochMilli(), 3);
    }

    /** {@code [{"Name":"sub","Value":..}, ...]}: sub first, then the stored attributes. */
    static ArrayNode attributes(StoredUser user) {
        ArrayNode list = JSON.arrayNode();
        list.add(attribute("sub", user.sub()));
        for (Map.Entry<String, String> a : user.attributes().entrySet()) {
            list.add(attribute(a.getKey(), a.getValue()));
        }
        return list;
    }

    private static ObjectNode attribute(String name, String value) {
        ObjectNode o = JSON.objectNode();
        o.put("Name", name);
        o.put("Value", value);
        return o;
    }

    /** UserType, as in AdminCreateUser's {@code User} and ListUsers' {@code Users}. */
    static ObjectNode userType(StoredUser user, String attributesMember) {
        ObjectNode o = JSON.objectNode();
        o.put("Username", user.sub());
        o.set(attributesMember, attributes(user));
        o.put("UserCreateDate", epochSeconds(user.created()));
        o.put("UserLastModifiedDate", epochSeconds(user.modified()));
        o.put("Enabled", user.enabled());
        o.put("UserStatus", user.status());
        return o;
    }

    /** {@code a***@e***} as Cognito masks a delivery destination. */
    static ObjectNode emailDelivery(String email) {
        int at = email.indexOf('@');
        String masked = email.charAt(0) + "***@" + email.charAt(at + 1) + "***";
        ObjectNode o = JSON.objectNode();
        o.put("Destination", masked);
        o.put("DeliveryMedium", "EMAIL");
        o.put("AttributeName", "email");
        return o;
    }
}
