package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code ./gatehouse start} and {@code ./gatehouse messages} print for the configuration and data they get. */
class BannerTest {
    static final String ENDPOINT = "http://127.0.0.1:8421";

    static GatehouseConfig with(List<GatehouseConfig.Route> routes, List<GatehouseConfig.User> users) {
        GatehouseConfig d = ConfigLoader.loadDefault();
        return new GatehouseConfig(d.source(), d.region(), d.accountId(), d.api(), d.functionDefaults(), routes,
                d.tables(), d.userPool(), d.identityPool(), d.developer(), users, Map.of());
    }

    static GatehouseConfig.Route route(String key) {
        return new GatehouseConfig.Route(key, "dev.gatehouse.notes.ListNotes", "AWS_IAM", 6, 1024, Map.of());
    }

    @Test
    void the_try_lines_name_the_first_test_user_and_the_first_get_route_without_parameters() {
        GatehouseConfig cfg = with(List.of(route("POST /bookmarks"), route("GET /bookmarks/{id}"),
                route("GET /bookmarks")), List.of(new GatehouseConfig.User("bob@example.com", "Passw0rd!bob",
                "2c7e3f94-6d90-4f3c-9e50-2c3d4e5f6071")));
        List<String> lines = StartCommand.tryLines(cfg, "eu-west-1", ENDPOINT);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("Try:  eval \"$(./gatehouse credentials bob@example.com)\"", lines.get(0));
        assertTrue(lines.get(1).contains("\"aws:amz:eu-west-1:execute-api\""), lines.get(1));
        assertTrue(lines.get(1).endsWith(" " + ENDPOINT + "/bookmarks"), lines.get(1));
    }

    @Test
    void the_default_configuration_still_suggests_the_fixture_admin_and_get_notes() {
        GatehouseConfig cfg = ConfigLoader.loadDefault();
        List<String> lines = StartCommand.tryLines(cfg, cfg.region(), ENDPOINT);
        assertEquals("Try:  eval \"$(./gatehouse credentials " + cfg.users().get(0).email() + ")\"", lines.get(0));
        assertTrue(lines.get(1).endsWith(" " + ENDPOINT + "/notes"), lines.get(1));
    }

    @Test
    void without_a_get_route_there_is_no_curl_line_and_without_users_a_hint() {
        GatehouseConfig noGet = with(List.of(route("POST /notes"), route("GET /notes/{id}")),
                List.of(new GatehouseConfig.User("a@example.com", "Passw0rd!", "3d8f40a5-7ea1-4a4d-8f61-3d4e5f607182")));
        assertEquals(List.of("Try:  eval \"$(./gatehouse credentials a@example.com)\""),
                StartCommand.tryLines(noGet, "us-east-1", ENDPOINT));
        List<String> noUsers = StartCommand.tryLines(with(List.of(route("GET /notes")), List.of()), "us-east-1",
                ENDPOINT);
        assertEquals(1, noUsers.size());
        assertTrue(noUsers.get(0).contains("no test users") && noUsers.get(0).contains("--users FILE"), noUsers.get(0));
    }

    @Test
    void the_messages_table_lines_its_columns_up_whatever_the_lengths() throws Exception {
        JsonNode messages = new ObjectMapper().readTree("""
                [{"to":"a-much-longer-address@example.com","kind":"FORGOT_PASSWORD","code":"123456",
                  "sentAt":"2026-12-02T18:00:00.123456789Z"},
                 {"to":"b@example.com","kind":"SIGN_UP","code":"654321","sentAt":"2026-12-02T18:00:00Z"}]""");
        String[] lines = MessagesCommand.table(messages).split(System.lineSeparator());
        assertEquals(3, lines.length);
        for (String column : List.of("KIND", "CODE", "TO")) {
            int at = lines[0].indexOf(column);
            assertTrue(at > 0, lines[0]);
            for (int i = 1; i < lines.length; i++) {
                assertTrue(lines[i].charAt(at - 1) == ' ' && lines[i].charAt(at) != ' ',
                        column + " starts at column " + at + " in every row:\n" + String.join("\n", lines));
            }
        }
        assertTrue(lines[1].startsWith("2026-12-02T18:00:00.123456789Z  FORGOT_PASSWORD  123456"), lines[1]);
        assertTrue(lines[2].endsWith("b@example.com"), lines[2]);
    }
}
