package dev.gatehouse.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Writes a wrk script that replays requests signed by the AWS SDK v2 signer: per user, a create, a get of one of
 * their notes and a list (20% / 60% / 20%). Requests are built in init(), where wrk knows the Host. SigV4 signatures stay valid for 5 minutes, so run wrk within that window:
 *
 * <pre>
 * java -cp ... dev.gatehouse.benchmarks.WrkScript http://127.0.0.1:8421 16 target/signed.lua
 * wrk -t2 -c16 -d20s -s target/signed.lua http://127.0.0.1:8421
 * </pre>
 */
public final class WrkScript {
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int users = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        GatehouseConfig config = ConfigLoader.loadDefault();
        ObjectMapper json = new ObjectMapper();
        Outputs outputs = RunningGatehouse.outputs(endpoint);
        StringBuilder lua = new StringBuilder("init = function(args)\n  requests = {}\n");
        try (SignIn signIn = new SignIn(outputs, endpoint, Clock.systemUTC())) {
            for (int i = 0; i < users; i++) {
                String email = "wrk-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                LoadDriver.createUser(config, endpoint, email);
                SignIn.IdentityCredentials c = signIn.credentials(signIn.srp(email, "Passw0rd!load").idToken());
                String noteId = json.readTree(SignedCall.send(outputs.region(), c, "POST", endpoint, "/notes",
                        "{\"content\":\"wrk\"}").body()).path("noteId").asText();
                String create = request(outputs, c, endpoint, "POST", "/notes", "{\"content\":\"load\"}");
                String get = request(outputs, c, endpoint, "GET", "/notes/" + noteId, null);
                String list = request(outputs, c, endpoint, "GET", "/notes", null);
                lua.append("  requests[#requests + 1] = {").append(create).append(", ").append(get).append(", ")
                        .append(get).append(", ").append(get).append(", ").append(list).append("}\n");
            }
        }
        lua.append("""
                end
                request = function()
                  local user = requests[math.random(#requests)]
                  return user[math.random(#user)]
                end
                errors = 0
                response = function(status, headers, body)
                  if status ~= 200 then errors = errors + 1 end
                end
                done = function(summary, latency, requests)
                  io.write(string.format("p50 %.2f ms, p99 %.2f ms\\n", latency:percentile(50) / 1000,
                    latency:percentile(99) / 1000))
                end
                """);
        Files.writeString(out, lua.toString());
        System.out.println("wrote " + out + " (" + users + " users); run wrk within 5 minutes");
    }

    private static String request(Outputs outputs, SignIn.IdentityCredentials c, URI endpoint, String method,
                                  String path, String body) {
        URI uri = URI.create(endpoint + path);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        if (body != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))
                .request(unsigned.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, outputs.region())
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        StringBuilder headers = new StringBuilder("{");
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.append("[\"").append(name).append("\"] = \"").append(values.get(0)).append("\", ");
            }
        });
        headers.append("}");
        return "wrk.format(\"" + method + "\", \"" + path + "\", " + headers + ", "
                + (body == null ? "nil" : "'" + body + "'") + ")";
    }
}
