package dev.gatehouse.emulator.dynamodb;

import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SDK client whose HTTP client is {@link InProcessHttpService}'s reaches this JVM's DynamoDB Local without a socket,
 * and gets the same data and the same answers as a client over HTTP.
 */
class InProcessHttpServiceTest {
    private static final GatehouseConfig.Table NOTES = DynamoDbLocalTest.NOTES;

    static DynamoDbLocal db;
    static DynamoDbClient overHttp;

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
        overHttp = db.newClient(DynamoDbLocalTest.REGION);
        new Tables(overHttp).ensure(List.of(NOTES));
    }

    @AfterAll
    static void stop() {
        overHttp.close();
        db.close();
    }

    static DynamoDbClient inProcess(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(DynamoDbLocalTest.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DynamoDbLocal.LOCAL_ACCESS_KEY_ID, DynamoDbLocal.LOCAL_SECRET_ACCESS_KEY)))
                .httpClientBuilder(new InProcessHttpService().createHttpClientBuilder())
                .build();
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void a_note_written_in_process_is_read_over_http_and_one_written_over_http_is_read_in_process() {
        try (DynamoDbClient local = inProcess(db.endpoint())) {
            local.putItem(p -> p.tableName("notes").item(DynamoDbLocalTest.note("u-in", "n1", "written in process")));
            assertEquals("written in process", overHttp.getItem(g -> g.tableName("notes")
                    .key(DynamoDbLocalTest.key("u-in", "n1"))).item().get("content").s());

            overHttp.putItem(p -> p.tableName("notes").item(DynamoDbLocalTest.note("u-in", "n2", "written over HTTP")));
            assertEquals("written over HTTP", local.getItem(g -> g.tableName("notes")
                    .key(DynamoDbLocalTest.key("u-in", "n2")).consistentRead(true)).item().get("content").s());
            assertEquals(2, local.query(q -> q.tableName("notes").keyConditionExpression("userId = :u")
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("u-in")))).count());
        }
    }

    @Test
    void the_request_reaches_dynamodb_local_without_a_socket() throws IOException {
        // DynamoDB Local's handler, registered at a port where nothing listens: only the in-process path can answer
        int nothingListens = closedPort();
        InProcessDynamoDb.register(nothingListens, InProcessDynamoDb.handlerAt("127.0.0.1", db.endpoint().getPort()));
        try (DynamoDbClient local = inProcess(URI.create("http://127.0.0.1:" + nothingListens))) {
            overHttp.putItem(p -> p.tableName("notes").item(DynamoDbLocalTest.note("u-sock", "n1", "over HTTP")));
            assertEquals("over HTTP", local.getItem(g -> g.tableName("notes")
                    .key(DynamoDbLocalTest.key("u-sock", "n1"))).item().get("content").s());
        } finally {
            InProcessDynamoDb.unregister(nothingListens);
        }
        try (DynamoDbClient local = inProcess(URI.create("http://127.0.0.1:" + nothingListens))) {
            SdkClientException e = assertThrows(SdkClientException.class, () -> local.getItem(g -> g.tableName("notes")
                    .key(DynamoDbLocalTest.key("u-sock", "n1"))));
            assertTrue(e.getMessage().contains("Unable to execute HTTP request"), e.getMessage());
        }
    }

    @Test
    void a_dynamodb_not_started_in_this_jvm_is_reached_over_the_network() {
        // a second DynamoDB Local, no longer registered in process: as an external DynamoDB would be
        try (DynamoDbLocal other = DynamoDbLocal.startInMemory();
             DynamoDbClient otherOverHttp = other.newClient(DynamoDbLocalTest.REGION)) {
            new Tables(otherOverHttp).ensure(List.of(NOTES));
            InProcessDynamoDb.unregister(other.endpoint().getPort());
            assertTrue(!InProcessDynamoDb.serves(other.endpoint()));
            try (DynamoDbClient client = inProcess(other.endpoint())) {
                client.putItem(p -> p.tableName("notes").item(DynamoDbLocalTest.note("u-other", "n1", "elsewhere")));
            }
            assertEquals("elsewhere", otherOverHttp.getItem(g -> g.tableName("notes")
                    .key(DynamoDbLocalTest.key("u-other", "n1"))).item().get("content").s());
            assertTrue(overHttp.getItem(g -> g.tableName("notes").key(DynamoDbLocalTest.key("u-other", "n1")))
                    .item().isEmpty(), "not written to this JVM's other DynamoDB Local");
        }
    }

    @Test
    void dynamodb_errors_reach_the_caller_exactly_as_over_http() {
        overHttp.putItem(p -> p.tableName("notes").item(DynamoDbLocalTest.note("u-err", "n1", "exists")));
        try (DynamoDbClient local = inProcess(db.endpoint())) {
            sameError(ConditionalCheckFailedException.class, c -> c.putItem(p -> p.tableName("notes")
                    .item(DynamoDbLocalTest.note("u-err", "n1", "again"))
                    .conditionExpression("attribute_not_exists(noteId)")), local);
            sameError(ResourceNotFoundException.class, c -> c.getItem(g -> g.tableName("no-such-table")
                    .key(DynamoDbLocalTest.key("u-err", "n1"))), local);
            // a key without its sort key: DynamoDB's ValidationException
            sameError(DynamoDbException.class, c -> c.getItem(g -> g.tableName("notes")
                    .key(Map.of("userId", AttributeValue.fromS("u-err")))), local);
            // a malformed expression
            sameError(DynamoDbException.class, c -> c.query(q -> q.tableName("notes")
                    .keyConditionExpression("userId = = :u")
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("u-err")))), local);
        }
    }

    private static void sameError(Class<? extends DynamoDbException> type, Consumer<DynamoDbClient> call,
                                  DynamoDbClient local) {
        DynamoDbException http = assertThrows(type, () -> call.accept(overHttp));
        DynamoDbException inProcess = assertThrows(type, () -> call.accept(local));
        assertEquals(http.getClass(), inProcess.getClass());
        assertEquals(http.statusCode(), inProcess.statusCode());
        assertEquals(http.awsErrorDetails().errorCode(), inProcess.awsErrorDetails().errorCode());
        assertEquals(http.awsErrorDetails().errorMessage(), inProcess.awsErrorDetails().errorMessage());
    }
}
