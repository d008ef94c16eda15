package dev.gatehouse.emulator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void default_configuration_loads_with_the_guides_routes_and_users() {
        GatehouseConfig config = ConfigLoader.loadDefault();
        assertEquals("us-east-1", config.region());
        assertEquals(5, config.routes().size());
        assertTrue(config.routes().stream().allMatch(GatehouseConfig.Route::iamAuthorized));
        assertEquals("notes", config.routes().get(0).environment().get("TABLE_NAME"));
        assertTrue(config.users().stream().anyMatch(u -> u.email().equals("admin@example.com")
                && u.password().equals("Passw0rd!")));
        assertTrue(config.users().size() >= 3);
        assertEquals("cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse",
                config.userPool().providerName(config.region()));
    }

    @Test
    void the_repository_fixture_file_is_the_packaged_default(@TempDir Path dir) throws IOException {
        Path file = Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "gatehouse.json");
        GatehouseConfig fromFile = ConfigLoader.load(file);
        assertEquals(ConfigLoader.loadDefault().routes(), fromFile.routes());
    }

    @Test
    void broken_json_names_the_file_and_line(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"region\": \"us-east-1\",\n  \"accountId\": \n}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":4: not valid JSON"), e.getMessage());
    }

    @Test
    void every_wrong_field_is_reported_with_file_line_and_field(@TempDir Path dir) throws IOException {
        String json = Files.readString(Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"),
                "gatehouse.json"))
                .replace("\"GET /notes\": {", "\"GET notes\": {")
                .replace("\"timeoutSeconds\": 10", "\"timeoutSeconds\": \"ten\"")
                .replace("\"region\": \"us-east-1\"", "\"regoin\": \"us-east-1\"");
        Path file = dir.resolve("gatehouse.json");
        Files.writeString(file, json);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        String msg = e.getMessage();
        assertTrue(msg.contains(file + ":2: regoin: unknown field"), msg);
        assertTrue(msg.contains("region: missing; expected an AWS region"), msg);
        assertTrue(msg.contains("functionDefaults.timeoutSeconds: expected a whole number from 1 to 900, got the "
                + "string \"ten\""), msg);
        assertTrue(msg.contains(":23: routes[\"GET notes\"]: invalid route key \"GET notes\": the path must start with '/'"),
                msg);
        assertEquals(4, e.problems().size(), msg);
    }

    @Test
    void a_test_user_with_a_weak_password_is_refused(@TempDir Path dir) throws IOException {
        String json = Files.readString(Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"),
                "gatehouse.json")).replace("\"Passw0rd!bob\"", "\"password\"");
        Path file = dir.resolve("gatehouse.json");
        Files.writeString(file, json);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("users[2].password: expected a password of at least 8"), e.getMessage());
    }

    @Test
    void the_default_configuration_enables_cors_for_every_origin_header_and_method() {
        GatehouseConfig.Cors cors = ConfigLoader.loadDefault().api().cors();
        assertEquals(java.util.List.of("*"), cors.allowOrigins());
        assertEquals(java.util.List.of("*"), cors.allowHeaders());
        assertEquals(java.util.List.of("*"), cors.allowMethods());
    }

    @Test
    void a_wrong_cors_block_is_reported_with_file_line_and_field(@TempDir Path dir) throws IOException {
        String json = Files.readString(Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"),
                "gatehouse.json"))
                .replace("\"allowOrigins\": [\"*\"]", "\"allowOrigins\": [\"*\", \"https://example.com/app\", 5]")
                .replace("\"allowMethods\": [\"*\"]", "\"allowMethods\": [\"FETCH\"], \"maxAge\": -1,"
                        + " \"allowCredentials\": true, \"allowHeaderz\": []");
        Path file = dir.resolve("gatehouse.json");
        Files.writeString(file, json);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        String msg = e.getMessage();
        assertTrue(msg.contains(file + ":8: api.cors.allowOrigins[1]: expected \"*\", \"https://*\", \"http://*\" or an"
                + " origin such as \"https://www.example.com\" (no path), got the string \"https://example.com/app\""),
                msg);
        assertTrue(msg.contains("api.cors.allowOrigins[2]: expected"), msg);
        assertTrue(msg.contains(":10: api.cors.allowMethods[0]: expected \"*\" or a method"), msg);
        assertTrue(msg.contains(":10: api.cors.maxAge: expected a whole number from 0 to 86400"), msg);
        assertTrue(msg.contains(":10: api.cors.allowCredentials: expected false with allowOrigins \"*\""), msg);
        assertTrue(msg.contains(":10: api.cors.allowHeaderz: unknown field"), msg);
        assertEquals(6, e.problems().size(), msg);
    }

    private static String fixtureWithApi(String api) throws IOException {
        return Files.readString(Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "gatehouse.json"))
                .replaceFirst("\"api\": \\{(?:[^{}]|\\{[^{}]*})*}", java.util.regex.Matcher.quoteReplacement(api));
    }

    @Test
    void api_type_rest_needs_a_named_stage_and_no_default_route(@TempDir Path dir) throws IOException {
        GatehouseConfig http = ConfigLoader.load(Files.writeString(dir.resolve("http.json"),
                fixtureWithApi("\"api\": {\"apiId\": \"gh0notes01\"}")));
        assertEquals(GatehouseConfig.Api.Type.HTTP, http.api().type(), "HTTP unless told otherwise");
        GatehouseConfig rest = ConfigLoader.load(Files.writeString(dir.resolve("rest.json"),
                fixtureWithApi("\"api\": {\"apiId\": \"gh0notes01\", \"type\": \"REST\", \"stage\": \"prod\"}")));
        assertTrue(rest.api().rest());
        assertEquals("prod", rest.api().stage());

        Path file = Files.writeString(dir.resolve("bad.json"), fixtureWithApi(
                "\"api\": {\"apiId\": \"gh0notes01\",\n    \"type\": \"REST\",\n    \"stage\": \"$default\"}")
                .replace("\"GET /notes\": {", "\"$default\": {"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        String msg = e.getMessage();
        assertTrue(msg.contains(file + ":6: api.stage: expected a stage name such as \"prod\" (a REST API has no"
                + " $default stage), got \"$default\""), msg);
        assertTrue(msg.contains("routes[\"$default\"]: expected \"METHOD /path\": a REST API has no $default route"),
                msg);

        Path missing = Files.writeString(dir.resolve("missing.json"), fixtureWithApi(
                "\"api\": {\"apiId\": \"gh0notes01\", \"type\": \"REST\"}"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(missing)).getMessage()
                .contains("api.stage: missing; expected a stage name such as \"prod\""));

        Path cors = Files.writeString(dir.resolve("cors.json"), fixtureWithApi("\"api\": {\"apiId\": \"gh0notes01\","
                + " \"type\": \"REST\", \"stage\": \"prod\",\n    \"cors\": {\"allowOrigins\": [\"*\"]}}"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(cors)).getMessage()
                .contains(cors + ":5: api.cors: a REST API has no CORS configuration (an HTTP API's setting)"));

        Path typo = Files.writeString(dir.resolve("typo.json"), fixtureWithApi(
                "\"api\": {\"apiId\": \"gh0notes01\", \"type\": \"rest\"}"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(typo)).getMessage()
                .contains(":4: api.type: expected \"HTTP\" or \"REST\", got \"rest\""));
    }

    @Test
    void tables_take_secondary_indexes_routes_a_code_location_and_the_file_its_own_outputs(@TempDir Path dir)
            throws IOException {
        Path fixture = Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "gatehouse.json");
        Files.createDirectories(dir.resolve("handlers/target/classes"));
        String json = Files.readString(fixture)
                .replace("\"sortKey\": { \"name\": \"noteId\", \"type\": \"S\" }",
                        "\"sortKey\": { \"name\": \"noteId\", \"type\": \"S\" },\n"
                                + "      \"globalSecondaryIndexes\": [{ \"name\": \"byTitle\", "
                                + "\"partitionKey\": { \"name\": \"title\" }, \"projection\": [\"content\"] }],\n"
                                + "      \"localSecondaryIndexes\": [{ \"name\": \"byDate\", "
                                + "\"partitionKey\": { \"name\": \"userId\" }, "
                                + "\"sortKey\": { \"name\": \"createdAt\", \"type\": \"N\" }, \"projection\": \"KEYS_ONLY\" }]")
                .replace("\"handler\": \"dev.gatehouse.notes.ListNotes\",",
                        "\"handler\": \"dev.gatehouse.notes.ListNotes\", \"codeUri\": \"handlers\",")
                .replace("\"users\": [", "\"outputs\": { \"BucketName\": \"uploads\" },\n  \"users\": [");
        Path file = dir.resolve("gatehouse.json");
        Files.writeString(file, json);
        GatehouseConfig config = ConfigLoader.load(file);
        GatehouseConfig.Table notes = config.tables().get(0);
        assertEquals(java.util.List.of(new GatehouseConfig.Index("byTitle", new GatehouseConfig.Key("title", "S"), null,
                "INCLUDE", java.util.List.of("content"))), notes.globalSecondaryIndexes());
        assertEquals("KEYS_ONLY", notes.localSecondaryIndexes().get(0).projectionType());
        GatehouseConfig.Route list = config.routes().stream().filter(r -> r.routeKey().equals("GET /notes"))
                .findFirst().orElseThrow();
        assertEquals(dir.resolve("handlers").toAbsolutePath(), list.code().codeUri());
        assertTrue(list.code().inProcess(), "a Java codeUri runs in process, in its own class loader");
        assertEquals(java.util.Map.of("BucketName", "uploads"), config.outputs());
    }

    @Test
    void a_users_file_is_checked_like_the_configurations_users(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users.json");
        Files.writeString(file, "[\n  { \"email\": \"a@example.com\", \"password\": \"Passw0rd!\", "
                + "\"sub\": \"8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f\" },\n  { \"email\": \"not-an-email\", "
                + "\"password\": \"short\", \"sub\": \"8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f\" }\n]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.loadUsers(file));
        assertTrue(e.getMessage().contains(file + ":3: [1].email: expected an email address"), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":3: [1].sub: sub \"8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f\" is used "
                + "twice"), e.getMessage());
    }
}
