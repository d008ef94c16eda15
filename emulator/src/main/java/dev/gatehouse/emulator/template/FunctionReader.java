package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.config.RuntimeSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code AWS::Serverless::Function} ({@code Handler}, {@code Runtime}, {@code CodeUri}, {@code Environment},
 * {@code Timeout}, {@code MemorySize}, with SAM's Globals already merged) and {@code AWS::Lambda::Function} (the same
 * with {@code Code}: CDK's asset folder from {@code Metadata aws:asset:path}).
 */
final class FunctionReader {
    private static final Pattern HANDLER = Pattern.compile(
            "[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(::[A-Za-z_$][\\w$]*)?");
    private static final Set<String> JAVA = Set.of("java8", "java8.al2", "java11", "java17", "java21", "java25");
    /** The other runtimes: through the Lambda Runtime API, in processes (as a route's {@code runtime}). */
    private static final List<String> RUNTIMES = RuntimeSettings.RUNTIMES.stream()
            .filter(runtime -> !runtime.startsWith("java")).toList();
    private static final Set<String> SAM_READ = Reading.names("Handler", "Runtime", "CodeUri", "Environment",
            "Timeout", "MemorySize", "Events", "FunctionName", "Layers", "InlineCode", "PackageType", "ImageUri",
            "FunctionUrlConfig", "ReservedConcurrentExecutions");
    private static final Set<String> LAMBDA_READ = Reading.names("Handler", "Runtime", "Code", "Environment",
            "Timeout", "MemorySize", "FunctionName", "Layers", "PackageType", "ReservedConcurrentExecutions");
    private static final Set<String> IGNORED = Reading.names("Description", "Policies", "Role", "Tracing",
            "TracingConfig", "Tags", "Architectures", "AutoPublishAlias", "AutoPublishCodeSha256",
            "DeploymentPreference", "ProvisionedConcurrencyConfig", "SnapStart",
            "LoggingConfig", "EphemeralStorage", "RuntimeManagementConfig", "VpcConfig", "KmsKeyArn",
            "PermissionsBoundary", "DeadLetterQueue", "DeadLetterConfig", "EventInvokeConfig", "AssumeRolePolicyDocument",
            "CodeSigningConfigArn", "FileSystemConfigs", "RecursiveLoop", "VersionDescription", "AutoPublishAliasAllProperties");

    /**
     * A function as the template gives it.
     *
     * @param runtime             Lambda's runtime name ({@code java17}, {@code nodejs20.x}, ...)
     * @param codeUri             the code's jar or folder, absolute
     * @param java                a Java runtime (run in process, in the code's own class loader); the others run in
     *                            processes through the Lambda Runtime API
     * @param reservedConcurrency {@code ReservedConcurrentExecutions}, or null
     */
    record Function(String logicalId, String handler, String runtime, boolean java, Path codeUri,
                    Map<String, String> environment, int timeoutSeconds, int memorySizeMb, Integer reservedConcurrency,
                    String pointer) {
    }

    private final Reading reading;
    private final Path templateDir;

    FunctionReader(Reading reading, Path templateDir) {
        this.reading = reading;
        this.templateDir = templateDir;
    }

    Function read(Resource r, JsonNode metadata) {
        boolean sam = r.isSam();
        reading.knownProperties(r, sam ? SAM_READ : LAMBDA_READ, IGNORED);
        if (reading.property(r, "Layers") != null && !reading.property(r, "Layers").isEmpty()) {
            reading.problem(r.at("Layers"), "not emulated: layers (their code would be missing); put the "
                    + "dependencies in the function's own jar");
        }
        String packageType = reading.string(r, "PackageType");
        if ("Image".equals(packageType)) {
            reading.problem(r.at("PackageType"), "not emulated: container image functions; expected Zip");
        }
        if (reading.property(r, "FunctionUrlConfig") != null) {
            reading.warnings.add("FunctionUrlConfig of " + r.logicalId() + " (no function URL is served)");
        }
        String handler = reading.requiredString(r, "Handler", "the handler, e.g. com.example.Handler::handleRequest");
        String runtime = reading.requiredString(r, "Runtime", "a Lambda runtime such as java17");
        boolean java = runtime != null && JAVA.contains(runtime);
        if (java && handler != null && !HANDLER.matcher(handler).matches()) {
            reading.problem(r.at("Handler"), "expected a Java handler such as com.example.Handler or "
                    + "com.example.Handler::handleRequest, got \"" + handler + "\"");
        }
        boolean other = runtime != null && !java && RuntimeSettings.supported(runtime);
        if (runtime != null && !java && !other) {
            reading.problem(r.at("Runtime"), "not emulated: runtime " + runtime + "; expected one of "
                    + String.join(", ", JAVA.stream().sorted().toList()) + " (in process) or "
                    + String.join(", ", RUNTIMES));
        }
        if (other && handler != null && RuntimeSettings.handlerProblem(runtime, handler) != null) {
            reading.problem(r.at("Handler"), RuntimeSettings.handlerProblem(runtime, handler));
        }
        Path code = sam ? samCode(r) : lambdaCode(r, metadata);
        if (other && code != null && Files.exists(code)) {
            String missing = RuntimeSettings.codeProblem(runtime, code, handler);
            if (missing != null) {
                reading.problem(Files.isDirectory(code) ? r.at("Handler") : r.at(sam ? "CodeUri" : "Code"), missing);
            }
        }
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = reading.property(r, "Environment");
        if (env != null) {
            JsonNode variables = env.path("Variables");
            variables.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    reading.problem(TemplateDocument.child(TemplateDocument.child(r.at("Environment"), "Variables"),
                            e.getKey()), "expected a string, got " + Intrinsics.describe(e.getValue()));
                } else {
                    environment.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        Integer timeout = reading.integer(r, "Timeout", 1, 900);
        Integer memory = reading.integer(r, "MemorySize", 128, 10240);
        Integer reserved = reading.integer(r, "ReservedConcurrentExecutions", 1, 1000);
        return new Function(r.logicalId(), handler, runtime, java, code, environment, timeout == null ? 3 : timeout,
                memory == null ? 128 : memory, reserved, r.pointer());
    }

    private Path samCode(Resource r) {
        if (reading.property(r, "InlineCode") != null) {
            reading.problem(r.at("InlineCode"), "not emulated: inline code; give the code's jar or Maven module "
                    + "folder as CodeUri");
            return null;
        }
        JsonNode uri = reading.property(r, "CodeUri");
        if (uri == null) {
            reading.problem(r.propertiesPointer(), "CodeUri is missing; expected the function's jar or Maven module "
                    + "folder, relative to the template");
            return null;
        }
        if (!uri.isTextual() || uri.asText().startsWith("s3://")) {
            reading.problem(r.at("CodeUri"), "expected a local jar or folder relative to the template, got "
                    + Intrinsics.describe(uri) + " (code in S3 is not read)");
            return null;
        }
        return local(uri.asText(), r.at("CodeUri"));
    }

    /** CDK: {@code Code: {S3Bucket, S3Key}} with {@code Metadata: {aws:asset:path: asset.<hash>}} beside it. */
    private Path lambdaCode(Resource r, JsonNode metadata) {
        JsonNode code = reading.property(r, "Code");
        if (code != null && code.has("ZipFile")) {
            reading.problem(r.at("Code"), "not emulated: inline code (ZipFile)");
            return null;
        }
        JsonNode asset = metadata == null ? null : metadata.get("aws:asset:path");
        if (asset == null || !asset.isTextual()) {
            reading.problem(code == null ? r.propertiesPointer() : r.at("Code"), "the code is in S3, which is not "
                    + "read: Gatehouse finds a function's code through Metadata aws:asset:path (as CDK writes it) "
                    + "relative to the template");
            return null;
        }
        return local(asset.asText(), TemplateDocument.child(r.pointer(), "Metadata"));
    }

    private Path local(String uri, String pointer) {
        Path path = templateDir.resolve(uri).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            reading.problem(pointer, "no such jar or folder: " + path + (uri.endsWith(".jar") ? " (build it first)"
                    : ""));
        }
        return path;
    }
}
