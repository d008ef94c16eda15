package dev.gatehouse.emulator.dynamodb;

import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedItemsTest {
    static final GatehouseConfig.Table NOTES = new GatehouseConfig.Table("notes",
            new GatehouseConfig.Key("userId", "S"), new GatehouseConfig.Key("noteId", "S"), null);

    @TempDir
    Path dir;

    String error(String json, GatehouseConfig.Table table) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, json);
        String message = assertThrows(IllegalArgumentException.class, () -> SeedItems.read(file, table)).getMessage();
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        return message;
    }

    @Test
    void a_missing_sort_key_is_named_with_the_item_index() throws Exception {
        String message = error("[{\"userId\":\"u\",\"noteId\":\"n\"}, {\"userId\":\"u\"}]", NOTES);
        assertTrue(message.contains("item 1") && message.contains("'noteId'") && message.contains("missing"), message);
    }

    @Test
    void a_key_of_the_wrong_type_is_refused() throws Exception {
        String message = error("[{\"userId\":7,\"noteId\":\"n\"}]", NOTES);
        assertTrue(message.contains("item 0") && message.contains("'userId'") && message.contains("non-empty string"),
                message);
        GatehouseConfig.Table numbered = new GatehouseConfig.Table("t", new GatehouseConfig.Key("id", "N"), null, null);
        assertTrue(error("[{\"id\":\"7\"}]", numbered).contains("a number"));
    }

    @Test
    void an_empty_string_key_is_refused() throws Exception {
        assertTrue(error("[{\"userId\":\"\",\"noteId\":\"n\"}]", NOTES).contains("non-empty"));
    }

    @Test
    void the_file_must_be_an_array_of_objects() throws Exception {
        assertTrue(error("{\"userId\":\"u\"}", NOTES).contains("expected a JSON array"));
        assertTrue(error("[\"u\"]", NOTES).contains("item 0: expected an object"));
    }

    @Test
    void invalid_json_is_reported_with_its_line() throws Exception {
        assertTrue(error("[\n{\"userId\": }]", NOTES).contains("line 2"));
    }

    @Test
    void a_missing_file_is_named() {
        Path missing = dir.resolve("nope.json");
        String message = assertThrows(IllegalArgumentException.class, () -> SeedItems.read(missing, NOTES)).getMessage();
        assertTrue(message.contains(missing.toString()) && message.contains("does not exist"), message);
    }

    @Test
    void a_binary_key_is_decoded_from_base64() throws Exception {
        GatehouseConfig.Table binary = new GatehouseConfig.Table("t", new GatehouseConfig.Key("id", "B"), null, null);
        Path file = dir.resolve("ok.json");
        Files.writeString(file, "[{\"id\":\"AQID\",\"n\":1}]");
        assertEquals(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[]{1, 2, 3})),
                SeedItems.read(file, binary).get(0).get("id"));
        assertTrue(error("[{\"id\":\"***\"}]", binary).contains("base64"));
    }
}
