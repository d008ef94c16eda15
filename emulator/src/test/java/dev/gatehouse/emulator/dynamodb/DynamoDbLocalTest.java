package dev.gatehouse.emulator.dynamodb;

import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoDbLocalTest {
    static final String REGION = "us-east-1";
    static final GatehouseConfig.Table NOTES = new GatehouseConfig.Table("notes",
            new GatehouseConfig.Key("userId", "S"), new GatehouseConfig.Key("noteId", "S"), null);

    static DynamoDbLocal shared;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        shared = DynamoDbLocal.startInMemory();
        client = shared.newClient(REGION);
        new Tables(client).ensure(List.of(NOTES));
    }

    @AfterAll
    static void stop() {
        client.close();
        shared.close();
    }

    static Map<String, AttributeValue> note(String userId, String noteId, String content) {
        return Map.of("userId", AttributeValue.fromS(userId), "noteId", AttributeValue.fromS(noteId),
                "content", AttributeValue.fromS(content));
    }

    static Map<String, AttributeValue> key(String userId, String noteId) {
        return Map.of("userId", AttributeValue.fromS(userId), "noteId", AttributeValue.fromS(noteId));
    }

    @Test
    void an_item_put_with_the_sdk_is_read_back() {
        client.putItem(p -> p.tableName("notes").item(note("u-put", "n1", "hello")));
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName("notes").key(key("u-put", "n1"))).item();
        assertEquals("hello", item.get("content").s());
        assertEquals("http", shared.endpoint().getScheme());
        assertEquals("127.0.0.1", shared.endpoint().getHost());
    }

    @Test
    void every_client_sees_one_database_whatever_its_region() {
        client.putItem(p -> p.tableName("notes").item(note("u-shared", "n1", "seen")));
        try (DynamoDbClient other = shared.newClient("eu-west-3")) {
            assertEquals("seen", other.getItem(g -> g.tableName("notes").key(key("u-shared", "n1"))).item()
                    .get("content").s());
        }
    }

    @Test
    void it_listens_on_loopback_only() throws Exception {
        List<String> addresses = ListeningSockets.addressesListeningOn(shared.endpoint().getPort());
        assertFalse(addresses.isEmpty(), "the kernel lists no socket listening on " + shared.endpoint());
        assertTrue(addresses.stream().allMatch(ListeningSockets::isLoopback),
                "listening on non-loopback addresses: " + addresses);
    }

    @Test
    void ensuring_tables_twice_keeps_the_data() {
        client.putItem(p -> p.tableName("notes").item(note("u-twice", "n1", "kept")));
        new Tables(client).ensure(List.of(NOTES));
        assertEquals("kept", client.getItem(g -> g.tableName("notes").key(key("u-twice", "n1"))).item()
                .get("content").s());
    }

    @Test
    void an_external_endpoint_is_used_as_is_and_not_stopped() {
        DynamoDbLocal external = DynamoDbLocal.external(shared.endpoint());
        assertTrue(external.isExternal());
        external.close();
        try (DynamoDbClient viaExternal = external.newClient(REGION)) {
            assertTrue(viaExternal.listTables().tableNames().contains("notes"));
        }
    }

    @Test
    void an_external_endpoint_must_be_an_http_url() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamoDbLocal.external(URI.create("localhost:8000")));
        assertTrue(e.getMessage().contains("--dynamodb-endpoint"), e.getMessage());
    }

    @Test
    void seed_items_are_loaded_when_the_table_is_created(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, """
                [{"userId": "u-seed", "noteId": "n1", "content": "seeded", "attachment": null,
                  "tags": ["a", 2, true], "meta": {"size": 12.50}}]""");
        GatehouseConfig.Table seeded = new GatehouseConfig.Table("seeded",
                new GatehouseConfig.Key("userId", "S"), new GatehouseConfig.Key("noteId", "S"), seed);
        new Tables(client).ensure(List.of(seeded));
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName("seeded").key(key("u-seed", "n1"))).item();
        assertEquals("seeded", item.get("content").s());
        assertTrue(item.get("attachment").nul());
        assertEquals(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("2"), AttributeValue.fromBool(true)),
                item.get("tags").l());
        assertEquals("12.5", item.get("meta").m().get("size").n());
    }

    @Test
    void a_bad_seed_file_fails_before_any_table_is_created(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "[{\"userId\": \"u\"}]");
        GatehouseConfig.Table bad = new GatehouseConfig.Table("never-created",
                new GatehouseConfig.Key("userId", "S"), new GatehouseConfig.Key("noteId", "S"), seed);
        assertThrows(IllegalArgumentException.class, () -> new Tables(client).ensure(List.of(NOTES, bad)));
        assertFalse(client.listTables().tableNames().contains("never-created"));
    }

    @Test
    void data_survives_a_restart_on_the_same_directory(@TempDir Path dataDir) {
        try (DynamoDbLocal first = DynamoDbLocal.start(dataDir); DynamoDbClient c = first.newClient(REGION)) {
            new Tables(c).ensure(List.of(NOTES));
            c.putItem(p -> p.tableName("notes").item(note("u-disk", "n1", "durable")));
        }
        try (DynamoDbLocal second = DynamoDbLocal.start(dataDir); DynamoDbClient c = second.newClient("eu-west-1")) {
            new Tables(c).ensure(List.of(NOTES));
            assertEquals("durable", c.getItem(g -> g.tableName("notes").key(key("u-disk", "n1"))).item()
                    .get("content").s());
        }
    }

    @Test
    void close_leaves_no_non_daemon_thread_behind() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        try (DynamoDbLocal db = DynamoDbLocal.startInMemory(); DynamoDbClient c = db.newClient(REGION)) {
            new Tables(c).ensure(List.of(NOTES));
            c.putItem(p -> p.tableName("notes").item(note("u-exit", "n1", "x")));
        }
        Set<Thread> started = nonDaemonThreads();
        started.removeAll(before);
        for (Thread thread : started) {
            thread.join(10_000);
        }
        started.removeIf(thread -> !thread.isAlive());
        assertTrue(started.isEmpty(), "non-daemon threads left after close: "
                + started.stream().map(Thread::getName).collect(Collectors.joining(", ")));
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void global_and_local_secondary_indexes_are_created_and_queried() {
        GatehouseConfig.Table bookmarks = new GatehouseConfig.Table("bookmarks-indexed",
                new GatehouseConfig.Key("userId", "S"), new GatehouseConfig.Key("bookmarkId", "S"), null,
                List.of(new GatehouseConfig.Index("byUrl", new GatehouseConfig.Key("url", "S"), null, "INCLUDE",
                        List.of("title"))),
                List.of(new GatehouseConfig.Index("byCreated", new GatehouseConfig.Key("userId", "S"),
                        new GatehouseConfig.Key("createdAt", "N"), "KEYS_ONLY", List.of())));
        new Tables(client).ensure(List.of(bookmarks));
        for (int i = 0; i < 3; i++) {
            int n = i;
            client.putItem(p -> p.tableName("bookmarks-indexed").item(Map.of("userId", AttributeValue.fromS("u1"),
                    "bookmarkId", AttributeValue.fromS("b" + n), "url", AttributeValue.fromS("https://x/" + (n % 2)),
                    "title", AttributeValue.fromS("t" + n), "note", AttributeValue.fromS("private"),
                    "createdAt", AttributeValue.fromN(Integer.toString(100 - n)))));
        }
        var byUrl = client.query(q -> q.tableName("bookmarks-indexed").indexName("byUrl")
                .keyConditionExpression("#u = :u").expressionAttributeNames(Map.of("#u", "url"))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("https://x/0")))).items();
        assertEquals(Set.of("b0", "b2"), byUrl.stream().map(i -> i.get("bookmarkId").s()).collect(Collectors.toSet()));
        assertTrue(byUrl.get(0).containsKey("title"), "INCLUDE projects title");
        assertFalse(byUrl.get(0).containsKey("note"), "INCLUDE leaves other attributes out");
        var byCreated = client.query(q -> q.tableName("bookmarks-indexed").indexName("byCreated")
                .keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("u1")))).items();
        assertEquals(List.of("b2", "b1", "b0"), byCreated.stream().map(i -> i.get("bookmarkId").s()).toList(),
                "the local index sorts by createdAt");
    }
}
