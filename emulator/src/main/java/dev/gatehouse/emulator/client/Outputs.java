package dev.gatehouse.emulator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
                      @JsonProperty("ApiEndpoint") String apiEndpoint) {

    /** The outputs of a configuration served at {@code baseUri}. */
    public static Outputs of(dev.gatehouse.emulator.config.GatehouseConfig config, java.net.URI baseUri) {
        String api = config.api().defaultStage() ? baseUri.toString() : baseUri + "/" + config.api().stage();
        return new Outputs(config.region(), config.userPool().id(), config.userPool().clientId(),
                config.identityPool().id(), api);
    }

    /** The Logins key of the user pool: {@code cognito-idp.<region>.amazonaws.com/<userPoolId>}. */
    public String providerName() {
        return "cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }
}
