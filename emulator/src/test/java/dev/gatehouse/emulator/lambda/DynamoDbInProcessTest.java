package dev.gatehouse.emulator.lambda;

import dev.gatehouse.emulator.dynamodb.DynamoDbLocal;
import dev.gatehouse.emulator.dynamodb.InProcessHttpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the functions' SDK default HTTP client becomes the in-process one, and when it must not. */
class DynamoDbInProcessTest {
    private static final String PROPERTY = DynamoDbInProcess.SDK_HTTP_SERVICE_PROPERTY;
    static DynamoDbLocal db;

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static Map<String, ClassLoader> gatehouseCode() {
        return Map.of("notes-get", DynamoDbInProcessTest.class.getClassLoader());
    }

    @Test
    void a_dynamodb_local_of_this_jvm_makes_the_in_process_client_the_sdk_default_until_close() {
        assertNull(System.getProperty(PROPERTY));
        DynamoDbInProcess.Decision d = DynamoDbInProcess.decide(db.endpoint(), gatehouseCode(), Map.of());
        assertTrue(d.inProcess(), d.reason());
        try (LambdaEnvironment environment = new LambdaEnvironment("eu-west-1", db.endpoint(), d.inProcess())) {
            assertEquals(InProcessHttpService.class.getName(), System.getProperty(PROPERTY));
        }
        assertNull(System.getProperty(PROPERTY), "restored on close");
    }

    @Test
    void a_second_gatehouse_in_the_jvm_shares_the_in_process_client_the_first_named() {
        try (LambdaEnvironment first = new LambdaEnvironment("eu-west-1", db.endpoint(), true)) {
            DynamoDbInProcess.Decision d = DynamoDbInProcess.decide(db.endpoint(), gatehouseCode(), Map.of());
            assertTrue(d.inProcess(), d.reason());
        }
        DynamoDbInProcess.Decision none = DynamoDbInProcess.decide(null, gatehouseCode(), Map.of());
        assertFalse(none.inProcess());
        assertEquals("no DynamoDB endpoint", none.reason());
    }

    @Test
    void the_environment_variable_or_the_jvm_property_turns_it_off() {
        DynamoDbInProcess.Decision d = DynamoDbInProcess.decide(db.endpoint(), gatehouseCode(),
                Map.of(DynamoDbInProcess.SWITCH_VARIABLE, "false"));
        assertFalse(d.inProcess());
        assertTrue(d.reason().contains("GATEHOUSE_DYNAMODB_IN_PROCESS=false"), d.reason());
        System.setProperty(DynamoDbInProcess.SWITCH_PROPERTY, "false");
        try {
            d = DynamoDbInProcess.decide(db.endpoint(), gatehouseCode(), Map.of());
            assertFalse(d.inProcess());
            assertTrue(d.reason().contains("-Dgatehouse.dynamodbInProcess=false"), d.reason());
        } finally {
            System.clearProperty(DynamoDbInProcess.SWITCH_PROPERTY);
        }
        try (LambdaEnvironment environment = new LambdaEnvironment("eu-west-1", db.endpoint(), false)) {
            assertNull(System.getProperty(PROPERTY));
        }
    }

    @Test
    void a_dynamodb_not_started_in_this_jvm_is_reached_over_http() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DynamoDbInProcess.Decision d = DynamoDbInProcess.decide(URI.create("http://127.0.0.1:" + port),
                gatehouseCode(), Map.of());
        assertFalse(d.inProcess());
        assertTrue(d.reason().contains("is not a DynamoDB Local started in this JVM"), d.reason());
    }

    @Test
    void the_users_own_choice_of_sdk_http_service_stays() {
        System.setProperty(PROPERTY, "com.example.TheirHttpService");
        try {
            DynamoDbInProcess.Decision d = DynamoDbInProcess.decide(db.endpoint(), gatehouseCode(), Map.of());
            assertFalse(d.inProcess());
            try (LambdaEnvironment environment = new LambdaEnvironment("eu-west-1", db.endpoint(), true)) {
                assertEquals("com.example.TheirHttpService", System.getProperty(PROPERTY));
            }
            assertEquals("com.example.TheirHttpService", System.getProperty(PROPERTY));
        } finally {
            System.clearProperty(PROPERTY);
        }
    }

    @Test
    void code_that_ships_another_sdk_version_keeps_http_and_code_without_the_sdk_does_not_matter(@TempDir Path dir)
            throws Exception {
        // the SDK core in another version: the code's own copy, whose default client discovery could not load
        // Gatehouse's class, so the JVM-global property must stay unset
        Path otherCore = dir.resolve("other-sdk/sdk-core-2.0.0.jar");
        Files.createDirectories(otherCore.getParent());
        try (OutputStream file = Files.newOutputStream(otherCore); JarOutputStream out = new JarOutputStream(file)) {
            for (String artifact : List.of("sdk-core", "utils")) {
                out.putNextEntry(new JarEntry("META-INF/maven/software.amazon.awssdk/" + artifact + "/pom.properties"));
                out.write(("groupId=software.amazon.awssdk\nartifactId=" + artifact + "\nversion=2.0.0\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            for (String type : List.of("software/amazon/awssdk/core/SdkSystemSetting.class",
                    "software/amazon/awssdk/utils/SystemSetting.class")) {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(type)) {
                    out.putNextEntry(new JarEntry(type));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Path noSdk = Files.createDirectories(dir.resolve("no-sdk"));
        ClassLoader gatehouse = getClass().getClassLoader();
        try (URLClassLoader own = CodeLocation.classLoader(otherCore, gatehouse);
             URLClassLoader none = CodeLocation.classLoader(noSdk, gatehouse)) {
            DynamoDbInProcess.Decision d = DynamoDbInProcess.decide(db.endpoint(),
                    Map.of("notes-get", gatehouse, "their-function", own), Map.of());
            assertFalse(d.inProcess());
            assertTrue(d.reason().contains("function their-function ships its own copy of the AWS SDK"), d.reason());
            assertTrue(own.loadClass("software.amazon.awssdk.core.SdkSystemSetting").getClassLoader() == own,
                    "the code's own copy loads");
            d = DynamoDbInProcess.decide(db.endpoint(), Map.of("notes-get", gatehouse, "plain", none), Map.of());
            assertTrue(d.inProcess(), d.reason());
        }
    }
}
