package dev.gatehouse.emulator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stack outputs a client needs, named as the guide's stack outputs; {@code GET /_gatehouse/outputs} serves them,
 * and a deployed stack's CloudFormation outputs give the same five values.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Outputs(@JsonProperty("Region") String region,
                      @JsonProperty("UserPoolId") String userPoolId,
                      @JsonProperty("UserPoolClientId") String userPoolClientId,
                      @JsonProperty("IdentityPoolId") String identityPoolId,
                      @JsonProperty("ApiEndpoint") String apiEndpoint,
                      @JsonProperty("DynamoDbEndpoint") @JsonInclude(JsonInclude.Include.NON_NULL)
                      String dynamoDbEndpoint) {

    /** The guide's five outputs (a deployed stack has no DynamoDB endpoint of its own). */
    public Outputs(String region, String userPoolId, String userPoolClientId, String identityPoolId,
                   String apiEndpoint) {
        this(region, userPoolId, userPoolClientId, identityPoolId, apiEndpoint, null);
    }

    /** The outputs of a configuration served at {@code baseUri}, with its DynamoDB at {@code dynamoDb}. */
    public static Outputs of(dev.gatehouse.emulator.config.GatehouseConfig config, java.net.URI baseUri,
                             java.net.URI dynamoDb) {
        String api = config.api().defaultStage() ? baseUri.toString() : baseUri + "/" + config.api().stage();
        return new Outputs(config.region(), config.userPool().id(), config.userPool().clientId(),
                config.identityPool().id(), api, dynamoDb == null ? null : dynamoDb.toString());
    }

    /** The Logins key of the user pool: {@code cognito-idp.<region>.amazonaws.com/<userPoolId>}. */
    public String providerName() {
        return "cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }
}
