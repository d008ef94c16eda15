package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of the template's {@code Resources}, as written (intrinsics not yet applied).
 *
 * @param pointer    where it is in the template ({@code /Resources/<LogicalId>})
 * @param properties its {@code Properties} (an empty object when absent), with SAM's {@code Globals} merged in
 */
record Resource(String logicalId, String type, String pointer, JsonNode properties, String condition) {
    Resource {
        if (properties == null || !properties.isObject()) {
            properties = JsonNodeFactory.instance.objectNode();
        }
    }

    String propertiesPointer() {
        return TemplateDocument.child(pointer, "Properties");
    }

    String at(String property) {
        return TemplateDocument.child(propertiesPointer(), property);
    }

    Resource withProperties(ObjectNode merged) {
        return new Resource(logicalId, type, pointer, merged, condition);
    }

    boolean isSam() {
        return type.startsWith("AWS::Serverless::");
    }
}
