package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the AWS SigV4 test suite (aws-c-auth v4), header and query forms, through the verifier. */
class TestSuiteVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path vectors() throws URISyntaxException {
        return Path.of(TestSuiteVectorsTest.class.getResource("/sigv4/vectors").toURI());
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(vectors())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                cases.add(Arguments.of(dir.getFileName().toString(), "header"));
                cases.add(Arguments.of(dir.getFileName().toString(), "query"));
            }
        }
        return cases.stream();
    }

    @Test
    void the_suite_is_all_there() throws Exception {
        assertEquals(2 * 38, cases().count());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("cases")
    void signed_request_verifies_and_canonical_strings_match(String name, String form) throws Exception {
        Path dir = vectors().resolve(name);
        JsonNode context = JSON.readTree(dir.resolve("context.json").toFile());
        Instant time = Instant.parse(context.get("timestamp").asText());
        JsonNode creds = context.get("credentials");
        String token = creds.has("token") ? creds.get("token").asText() : null;
        Credentials credentials = new Credentials(creds.get("access_key_id").asText(),
                creds.get("secret_access_key").asText(), token,
                token == null ? null : time.plusSeconds(context.get("expiration_in_seconds").asLong()),
                new Principal.IamUser("123456789012", "suite", "AIDAEXAMPLE"));
        SigV4Verifier verifier = new SigV4Verifier(
                id -> id.equals(credentials.accessKeyId()) ? Optional.of(credentials) : Optional.empty(),
                Clock.fixed(time, ZoneOffset.UTC), context.get("region").asText(), context.get("service").asText(),
                new SigV4Verifier.Options(false, context.get("normalize").asBoolean(), Duration.ofMinutes(5)));

        IncomingRequest signed = HttpText.parse(read(dir, form + "-signed-request.txt"), time);
        Verdict verdict = verifier.verify(signed);
        assertInstanceOf(Verdict.Accepted.class, verdict, () -> verdict.toString());
        assertEquals(credentials, ((Verdict.Accepted) verdict).credentials());

        // The token added after signing is not part of what was signed: compare on the request as signed.
        IncomingRequest asSigned = context.path("omit_session_token").asBoolean() && form.equals("query")
                ? withoutQueryParameter(signed, QueryParameter.SECURITY_TOKEN) : signed;
        assertEquals(read(dir, form + "-canonical-request.txt"), verifier.canonicalRequest(asSigned));
        assertEquals(read(dir, form + "-string-to-sign.txt"), verifier.stringToSign(asSigned));
        assertTrue(read(dir, form + "-signed-request.txt").contains(read(dir, form + "-signature.txt").trim()));
    }

    static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    private static IncomingRequest withoutQueryParameter(IncomingRequest r, String name) {
        StringBuilder query = new StringBuilder();
        for (String part : r.rawQuery().split("&")) {
            if (!part.startsWith(name + "=")) {
                query.append(query.length() == 0 ? "" : "&").append(part);
            }
        }
        return new IncomingRequest(r.method(), r.rawPath(), query.toString(), r.headers(), r.body(), r.sourceIp(),
                r.protocol(), r.receivedAt());
    }
}
