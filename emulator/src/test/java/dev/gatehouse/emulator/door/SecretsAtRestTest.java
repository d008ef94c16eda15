package dev.gatehouse.emulator.door;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cli.Main;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.scenarios.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets at rest: nothing another local user can read in the data directory, no Bearer token in the record, the
 * call log or the log, DynamoDB Local closed to other hosts and origins, developer keys random per data directory.
 */
class SecretsAtRestTest {

    @Test
    void the_data_directory_is_owner_only_and_a_bearer_jwt_is_masked_everywhere(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        // A data directory left world-readable by an older Gatehouse is tightened at start.
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(data.resolve("notes-export.json"), "{}");
        Files.setPosixFilePermissions(data.resolve("notes-export.json"), PosixFilePermissions.fromString("rw-r--r--"));
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String idToken;
        String requestId;
        try (Gatehouse gatehouse = Gatehouse.builder().port(0).dataDir(data).start()) {
            try {
                System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
                SignIn.IdentityCredentials alice;
                try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
                    idToken = signIn.srp("alice@example.com", "Passw0rd!alice").idToken();
                    alice = signIn.credentials(idToken);
                }
                assertEquals(200, Wire.sdk(alice, new Wire.Signing(), "POST", gatehouse.baseUri() + "/notes",
                        "{\"content\":\"at rest\"}").status(), "a write, so DynamoDB Local's file has data");
                // A frontend mistake: the ID token as a Bearer token on an AWS_IAM route.
                Wire.Response bearer = Wire.send("GET", gatehouse.baseUri() + "/notes",
                        Map.of("Authorization", "Bearer " + idToken), new byte[0]);
                assertEquals(403, bearer.status());
                requestId = bearer.requestId();
            } finally {
                System.setErr(err);
            }
            String served = Wire.admin(gatehouse, "GET", "requests/" + java.net.URLEncoder.encode(requestId,
                    StandardCharsets.UTF_8), null).body();
            assertTrue(served.contains("\"Bearer ****\""), served);
            String all = Wire.admin(gatehouse, "GET", "requests", null).body();
            String jsonl = await(data.resolve("calls.jsonl"), requestId);
            String signaturePart = idToken.substring(idToken.lastIndexOf('.') + 1);
            for (String where : List.of("record", "calls.jsonl", "log")) {
                String text = switch (where) {
                    case "record" -> all;
                    case "calls.jsonl" -> jsonl;
                    default -> log.toString(StandardCharsets.UTF_8);
                };
                assertFalse(text.contains(signaturePart), "the ID token is in the " + where);
            }
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("GET /notes refused"), "the log was captured");

            List<String> open = new ArrayList<>();
            try (Stream<Path> paths = Files.walk(data)) {
                paths.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
                    try {
                        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                        if (!mode.equals(Files.isDirectory(p) ? "rwx------" : "rw-------")) {
                            open.add(data.relativize(p) + " " + mode);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            assertEquals(List.of(), open, "every directory 0700, every file 0600");
            for (String file : List.of("calls.jsonl", "dynamodb/shared-local-instance.db", "gatehouse.lock",
                    "iam/developer.json", "iam/credentials.json")) {
                assertTrue(Files.size(data.resolve(file)) >= 0 && Files.exists(data.resolve(file)), file);
            }
            assertTrue(Files.size(data.resolve("dynamodb/shared-local-instance.db")) > 0, "DynamoDB Local used it");
        }
    }

    @Test
    void dynamodb_local_answers_only_loopback_hosts_and_no_other_origin() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.builder().port(0).start()) {
            int port = URI.create(gatehouse.outputs().dynamoDbEndpoint()).getPort();
            String listTables = "{}";
            List<String> target = List.of("X-Amz-Target: DynamoDB_20120810.ListTables",
                    "Content-Type: application/x-amz-json-1.0",
                    "Authorization: AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request,"
                            + " SignedHeaders=host, Signature=0000");
            Http.Response rebinding = Http.send(port, "POST /", "evil.example:" + port, target, listTables);
            assertEquals(403, rebinding.status(), rebinding.body());
            assertFalse(rebinding.body().contains("notes"), "no table name to a rebinding page");
            Http.Response loopback = Http.send(port, "POST /", "127.0.0.1:" + port, target, listTables);
            assertEquals(200, loopback.status(), loopback.body());
            assertTrue(loopback.body().contains("notes"), loopback.body());
            Http.Response preflight = Http.send(port, "OPTIONS /", "127.0.0.1:" + port, List.of(
                    "Origin: http://evil.example", "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: content-type,x-amz-target"), "");
            assertNull(preflight.header("Access-Control-Allow-Origin"), "no CORS for another origin: "
                    + preflight.headers());
        }
    }

    @Test
    void developer_keys_are_random_per_data_directory_and_printed_by_the_cli(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String keyId;
        try (Gatehouse first = Gatehouse.builder().port(0).dataDir(data).start()) {
            keyId = first.developerCredentials().accessKeyId();
            assertTrue(keyId.matches("AKIA[A-Z2-7]{16}"), keyId);
            assertNotEquals("AKIAGATEHOUSEDEVELOP", keyId, "no published key");
            Run run = cli("credentials", "--developer", "--endpoint", first.baseUri().toString());
            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.out().contains("AWS_ACCESS_KEY_ID=" + keyId + " AWS_SECRET_ACCESS_KEY="
                    + first.developerCredentials().secretAccessKey()), run.out());
        }
        try (Gatehouse again = Gatehouse.builder().port(0).dataDir(data).start();
             Gatehouse inMemory = Gatehouse.builder().port(0).start()) {
            assertEquals(keyId, again.developerCredentials().accessKeyId(), "the same keys on the same data dir");
            assertNotEquals(keyId, inMemory.developerCredentials().accessKeyId(), "other keys elsewhere");
        }
    }

    record Run(int exit, String out, String err) {
    }

    static synchronized Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String await(Path file, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            String content = Files.exists(file) ? Files.readString(file) : "";
            if (content.contains(text) || Instant.now().isAfter(deadline)) {
                assertTrue(content.contains(text), file + " never got " + text);
                return content;
            }
            Thread.onSpinWait();
        }
    }
}
