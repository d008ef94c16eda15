package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The request and caller behind {@code post-note-signed-with-identity-pool-credentials.json}. */
final class EventFixtures {

    static final String ACCOUNT = "123456789012";
    static final String API_ID = "gh0notes01";
    static final String REQUEST_ID = "Mc7UVioPPHcEKPA=";
    static final Instant RECEIVED = Instant.parse("2020-03-12T19:03:58.390Z");
    static final String USER_AGENT =
            "aws-sdk-java/2.31.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17.0.12+7 Java/17.0.12";
    static final String NOTE_JSON = "{\"content\":\"hello\",\"attachment\":null}";

    static final CognitoIdentity IDENTITY = new CognitoIdentity("us-east-1:0d3b8f6a-2c4e-4b1a-8e5f-6a7b8c9d0e1f",
            "us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e", "cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse",
            "8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f");
    static final Credentials COGNITO_CALLER = new Credentials("ASIAGATEHOUSE0000001", "secret", "IQoJb3JpZ2luX2VjEXAMPLETOKEN",
            Instant.parse("2020-03-12T20:00:00Z"),
            new Principal.AssumedRole(ACCOUNT, "notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1", IDENTITY));
    static final Credentials DEVELOPER = new Credentials("AKIAGATEHOUSEDEVELOP", "secret", null, null,
            new Principal.IamUser(ACCOUNT, "gatehouse-developer", "AIDAGATEHOUSEDEVELOPR"));

    private EventFixtures() {
    }

    static EventBuilder builder() {
        return new EventBuilder(API_ID, "$default", ACCOUNT, "us-east-1");
    }

    static RouteTable notesRoutes() {
        return RouteTableTest.table(new GatehouseConfig.Api(API_ID, "$default"),
                "POST /notes", "GET /notes", "GET /notes/{id}", "PUT /notes/{id}", "ANY /files/{proxy+}");
    }

    static IncomingRequest signedPostNote() {
        return new IncomingRequest("POST", "/notes", "tag=work&tag=urgent&q=a%20b", List.of(
                Map.entry("Accept", "application/json"),
                Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=ASIAGATEHOUSE0000001/20200312/us-east-1/"
                        + "execute-api/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                        + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
                Map.entry("Content-Length", "37"),
                Map.entry("Content-Type", "application/json"),
                Map.entry("Cookie", "theme=dark; session=abc"),
                Map.entry("Host", "gh0notes01.execute-api.us-east-1.amazonaws.com"),
                Map.entry("User-Agent", USER_AGENT),
                Map.entry("X-Amz-Date", "20200312T190358Z"),
                Map.entry("X-Amz-Security-Token", "IQoJb3JpZ2luX2VjEXAMPLETOKEN"),
                Map.entry("X-Custom-Tag", "one"),
                Map.entry("x-custom-tag", "two")),
                NOTE_JSON.getBytes(StandardCharsets.UTF_8), "203.0.113.7", "HTTP/1.1", RECEIVED);
    }

    static IncomingRequest request(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                                   byte[] body) {
        return new IncomingRequest(method, rawPath, rawQuery, headers, body, "127.0.0.1", "HTTP/1.1", RECEIVED);
    }
}
