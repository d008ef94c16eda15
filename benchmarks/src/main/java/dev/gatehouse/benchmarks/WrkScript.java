package dev.gatehouse.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.dynamodb.DynamoDbLocal;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
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
 * their notes and a list (20% / 60% / 20%; {@code -- gets} after wrk's URL: gets only). Requests are built in init(),
 * where wrk knows the Host. SigV4 signatures stay valid for 5 minutes, so run wrk within that window. With
 * {@code --dynamodb}, the same mix as the DynamoDB calls the notes handlers make, sent straight to DynamoDB Local
 * (the ceiling peer, {@link #dynamoDb}):
 *
 * <pre>
 * java -cp ... dev.gatehouse.benchmarks.WrkScript http://127.0.0.1:8421 16 target/signed.lua
 * wrk -t2 -c16 -d20s -s target/signed.lua http://127.0.0.1:8421
 * java -cp ... dev.gatehouse.benchmarks.WrkScript --dynamodb http://127.0.0.1:DDB_PORT us-east-1 16 target/ddb.lua
 * </pre>
 */
public final class WrkScript {
    /**
     * The mix of both scripts: of every five requests, one create, three gets and one list; with the script argument
     * {@code gets} ({@code wrk ... -s script URL -- gets}) only gets.
     */
    private static final String MIX = """
            request = function()
              local user = requests[math.random(#requests)]
              local i = only_gets and 2 or math.random(5)
              if i == 1 then return create(user) end
              return user[i]
            end
            errors = 0
            response = function(status, headers, body)
              if status ~= 200 then errors = errors + 1 end
            end
            done = function(summary, latency, requests)
              io.write(string.format("p50 %.2f ms, p99 %.2f ms\\n", latency:percentile(50) / 1000,
                latency:percentile(99) / 1000))
            end
            """;

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("--dynamodb")) {
            dynamoDb(URI.create(args[1]), args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            return;
        }
        URI endpoint = URI.create(args[0]);
        int users = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        GatehouseConfig config = ConfigLoader.loadDefault();
        ObjectMapper json = new ObjectMapper();
        Outputs outputs = RunningGatehouse.outputs(endpoint);
        StringBuilder lua = new StringBuilder("init = function(args)\n  only_gets = args[1] == \"gets\"\n  requests = {}\n");
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
        // the same signed create every time: the handler gives each note a new id
        lua.append("end\ncreate = function(user) return user[1] end\n").append(MIX);
        Files.writeString(out, lua.toString());
        System.out.println("wrote " + out + " (" + users + " users); run wrk within 5 minutes");
    }

    /**
     * The same mix as DynamoDB calls sent straight to DynamoDB Local ({@code dynamoDb}), as the notes handlers make
     * them: per user (an id like an identity id) one seeded note, then PutItem of a new note (20%), GetItem of the
     * seeded note with ConsistentRead (60%), Query of the user's notes with ConsistentRead (20%). Signed by the SDK
     * signer with DynamoDB Local's local keys. Each PutItem must name a new note (the handler's create makes a new id),
     * and wrk replays fixed requests: the script writes a fresh fixed-width noteId into the signed PutItem's body, so
     * that body no longer matches its signature. DynamoDB Local does not check signatures (it requires an
     * Authorization header only), and the peer measures the database, not SigV4.
     */
    static void dynamoDb(URI dynamoDb, String region, int users, Path out) throws Exception {
        String table = ConfigLoader.loadDefault().tables().get(0).name();
        StringBuilder lua = new StringBuilder("init = function(args)\n  only_gets = args[1] == \"gets\"\n  requests = {}\n");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < users; i++) {
            String userId = region + ":" + UUID.randomUUID();
            String seeded = UUID.randomUUID().toString();
            String put = putItem(table, userId, seeded);
            HttpResponse<String> seededPut = http.send(signedForDynamoDb(dynamoDb, region, "PutItem", put),
                    HttpResponse.BodyHandlers.ofString());
            if (seededPut.statusCode() != 200) {
                throw new IllegalStateException("PutItem to DynamoDB Local: " + seededPut.statusCode() + " "
                        + seededPut.body());
            }
            String get = "{\"TableName\":\"" + table + "\",\"Key\":{\"userId\":{\"S\":\"" + userId
                    + "\"},\"noteId\":{\"S\":\"" + seeded + "\"}},\"ConsistentRead\":true}";
            String query = "{\"TableName\":\"" + table + "\",\"KeyConditionExpression\":\"userId = :userId\","
                    + "\"ExpressionAttributeValues\":{\":userId\":{\"S\":\"" + userId + "\"}},\"ConsistentRead\":true}";
            lua.append("  requests[#requests + 1] = {false, ").append(luaRequest(dynamoDb, region, "GetItem", get))
                    .append(", ").append(luaRequest(dynamoDb, region, "GetItem", get)).append(", ")
                    .append(luaRequest(dynamoDb, region, "GetItem", get)).append(", ")
                    .append(luaRequest(dynamoDb, region, "Query", query)).append(", put_headers = ")
                    .append(luaHeaders(signedHeaders(dynamoDb, region, "PutItem", putItem(table, userId, NEW_NOTE_ID))))
                    .append(", put_body = '").append(putItem(table, userId, NEW_NOTE_ID)).append("'}\n");
        }
        lua.append("""
                end
                threads = 0
                setup = function(thread)
                  threads = threads + 1
                  thread:set("thread_number", threads)
                end
                counter = 0
                create = function(user)
                  counter = counter + 1
                  local id = string.format("%08d-0000-4000-8000-%012d", thread_number or 0, counter)
                  local body = string.gsub(user.put_body, "PLACEHOLDER", id)
                  return wrk.format("POST", "/", user.put_headers, body)
                end
                """.replace("PLACEHOLDER", NEW_NOTE_ID));
        lua.append(MIX);
        Files.writeString(out, lua.toString());
        System.out.println("wrote " + out + " (" + users + " users, straight to DynamoDB Local at " + dynamoDb + ")");
    }

    /** The placeholder of a new note's id in a PutItem body: as long as a UUID, so Content-Length stays right. */
    private static final String NEW_NOTE_ID = "NEWNOTEID-0000-0000-0000-000000000000";

    private static String putItem(String table, String userId, String noteId) {
        return "{\"TableName\":\"" + table + "\",\"Item\":{\"userId\":{\"S\":\"" + userId + "\"},\"noteId\":{\"S\":\""
                + noteId + "\"},\"content\":{\"S\":\"load\"},\"createdAt\":{\"N\":\"1764688800000\"}}}";
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
        return "wrk.format(\"" + method + "\", \"" + path + "\", " + luaHeaders(signed.request()) + ", "
                + (body == null ? "nil" : "'" + body + "'") + ")";
    }

    /** A DynamoDB call ({@code X-Amz-Target: DynamoDB_20120810.<operation>}) signed as the SDK signs it. */
    private static SdkHttpRequest signedHeaders(URI dynamoDb, String region, String operation, String body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(dynamoDb.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation).build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(DynamoDbLocal.LOCAL_ACCESS_KEY_ID,
                        DynamoDbLocal.LOCAL_SECRET_ACCESS_KEY))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body.getBytes(StandardCharsets.UTF_8)))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
    }

    private static HttpRequest signedForDynamoDb(URI dynamoDb, String region, String operation, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(dynamoDb.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signedHeaders(dynamoDb, region, operation, body).forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                b.header(name, values.get(0));
            }
        });
        return b.build();
    }

    private static String luaRequest(URI dynamoDb, String region, String operation, String body) {
        return "wrk.format(\"POST\", \"/\", " + luaHeaders(signedHeaders(dynamoDb, region, operation, body)) + ", '"
                + body + "')";
    }

    /** The signed request's headers as a Lua table, without Host (wrk sends the one of its URL). */
    private static String luaHeaders(SdkHttpRequest signed) {
        StringBuilder headers = new StringBuilder("{");
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.append("[\"").append(name).append("\"] = \"").append(values.get(0)).append("\", ");
            }
        });
        return headers.append("}").toString();
    }
}
