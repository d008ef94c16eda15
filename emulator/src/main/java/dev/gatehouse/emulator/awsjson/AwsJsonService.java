package dev.gatehouse.emulator.awsjson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service spoken in the awsJson1.1 protocol: {@code POST /}, {@code X-Amz-Target: <targetPrefix>.<Operation>}, a
 * JSON body in and out. The dispatcher parses the body, verifies any signature and writes errors; a service answers
 * one operation.
 */
public interface AwsJsonService {

    /** e.g. {@code AWSCognitoIdentityProviderService}. */
    String targetPrefix();

    /** The SigV4 signing name of the service, e.g. {@code cognito-idp}. */
    String signingName();

    /**
     * Runs one operation.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot
     * @param input     the request body, always a JSON object
     * @return the response body: a Jackson-serializable value (an {@code ObjectNode}, a record, a map)
     * @throws AwsJsonError for every error the client should see, including an unknown operation
     */
    Object handle(String operation, JsonNode input, AwsJsonCall call);
}
