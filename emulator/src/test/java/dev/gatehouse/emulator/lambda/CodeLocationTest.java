package dev.gatehouse.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeLocationTest {
    private static final String PROBE = IsolationProbe.class.getName();

    /** A jar holding only the probe's class, as a user's build would make it. */
    static Path probeJar(Path dir) throws IOException {
        Path jar = dir.resolve("probe.jar");
        String entry = PROBE.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             InputStream in = IsolationProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void a_handler_in_a_jar_runs_in_its_own_class_loader_that_sees_only_the_lambda_core_api(@TempDir Path dir)
            throws Exception {
        Path jar = probeJar(dir);
        LambdaEnvironment environment = new LambdaEnvironment("eu-west-1", null);
        try (URLClassLoader loader = CodeLocation.classLoader(jar, getClass().getClassLoader());
             LambdaFunction probe = new LambdaFunction(new FunctionConfiguration("Probe", PROBE, null,
                     Duration.ofSeconds(10), 128, Map.of(), "eu-west-1", "123456789012"), environment, loader)) {
            Invocation invocation = probe.invoke("{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(Invocation.Outcome.SUCCESS, invocation.outcome(), String.valueOf(invocation.error()));
            JsonNode out = new ObjectMapper().readTree(invocation.output());
            assertEquals("code:probe.jar", out.get("loader").asText());
            assertEquals("Probe", out.get("function").asText());
            assertEquals(false, out.get("seesGatehouse").asBoolean());
            assertEquals(false, out.get("seesJavalin").asBoolean());
            assertEquals(true, out.get("seesLambdaCore").asBoolean());
            assertEquals(false, out.get("seesSdk").asBoolean(), "code that does not ship the SDK does not see it");
        } finally {
            environment.close();
        }
    }

    /** Where Gatehouse's own copy of a class comes from (a jar of the local Maven repository in tests). */
    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void the_sdk_the_code_ships_in_gatehouses_version_is_gatehouses_own_and_another_version_stays_the_codes(
            @TempDir Path dir) throws Exception {
        Path module = Files.createDirectories(dir.resolve("handlers"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.createDirectories(module.resolve("target/classes"));
        Path dynamoDb = jarOf(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class);
        Path core = jarOf(software.amazon.awssdk.core.SdkBytes.class);
        // a jar of the SDK's utils in another version (the same class, so that only the version differs)
        Path otherUtils = dir.resolve("utils-1.0.0.jar");
        String stringUtils = "software/amazon/awssdk/utils/StringUtils.class";
        try (OutputStream file = Files.newOutputStream(otherUtils); JarOutputStream out = new JarOutputStream(file);
             InputStream in = getClass().getClassLoader().getResourceAsStream(stringUtils)) {
            out.putNextEntry(new JarEntry("META-INF/maven/software.amazon.awssdk/utils/pom.properties"));
            out.write("groupId=software.amazon.awssdk\nartifactId=utils\nversion=1.0.0\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry(stringUtils));
            in.transferTo(out);
            out.closeEntry();
        }
        Files.writeString(module.resolve(CodeLocation.CLASSPATH_FILE),
                String.join(java.io.File.pathSeparator, dynamoDb.toString(), core.toString(), otherUtils.toString()));
        try (URLClassLoader loader = CodeLocation.classLoader(module, getClass().getClassLoader())) {
            assertSame(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class,
                    loader.loadClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient"));
            assertSame(software.amazon.awssdk.core.SdkBytes.class, loader.loadClass("software.amazon.awssdk.core.SdkBytes"));
            Class<?> utils = loader.loadClass("software.amazon.awssdk.utils.StringUtils");
            assertSame(loader, utils.getClassLoader(), "another version of an SDK jar is the code's own copy");
        }
    }

    @Test
    void a_maven_module_is_its_classes_and_the_classpath_file_its_build_wrote(@TempDir Path dir) throws IOException {
        Path module = Files.createDirectories(dir.resolve("handlers"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Path classes = Files.createDirectories(module.resolve("target/classes"));
        Path dependency = Files.writeString(dir.resolve("dep.jar"), "");
        Files.writeString(module.resolve(CodeLocation.CLASSPATH_FILE), dependency + "\n");
        assertEquals(List.of(classes, dependency), CodeLocation.classPath(module));
    }

    @Test
    void a_sam_build_folder_is_its_classes_and_its_lib_jars(@TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path b = Files.writeString(lib.resolve("b.jar"), "");
        Path a = Files.writeString(lib.resolve("a.jar"), "");
        assertEquals(List.of(dir, a, b), CodeLocation.classPath(dir));
    }

    @Test
    void an_unbuilt_maven_module_says_to_build_it(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeLocation.classPath(dir));
        assertTrue(e.getMessage().contains("a Maven module without target/classes: build it first"), e.getMessage());
    }
}
