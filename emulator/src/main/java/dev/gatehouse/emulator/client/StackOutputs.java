package dev.gatehouse.emulator.client;

import dev.gatehouse.emulator.config.GatehouseConfig;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every output of a running stack: the standard ones ({@link Outputs}) and the configuration's own (a template's
 * {@code Outputs}, under the template's names). An output naming the API's AWS address
 * ({@code https://<apiId>.execute-api.<region>.amazonaws.com}) points at Gatehouse instead, as the deployed stack's
 * would point at AWS. A standard name keeps the standard value.
 */
public final class StackOutputs {
    private StackOutputs() {
    }

    /** The standard outputs, then the configuration's own, in the configuration's order. */
    public static Map<String, String> of(GatehouseConfig config, URI baseUri, URI dynamoDb) {
        Outputs standard = Outputs.of(config, baseUri, dynamoDb);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Region", standard.region());
        out.put("UserPoolId", standard.userPoolId());
        out.put("UserPoolClientId", standard.userPoolClientId());
        out.put("IdentityPoolId", standard.identityPoolId());
        out.put("ApiEndpoint", standard.apiEndpoint());
        if (standard.dynamoDbEndpoint() != null) {
            out.put("DynamoDbEndpoint", standard.dynamoDbEndpoint());
        }
        String awsAddress = "https://" + config.api().apiId() + ".execute-api." + config.region() + ".amazonaws.com";
        String local = baseUri.toString().replaceAll("/+$", "");
        config.outputs().forEach((name, value) -> out.putIfAbsent(name, value.replace(awsAddress, local)));
        return out;
    }
}
