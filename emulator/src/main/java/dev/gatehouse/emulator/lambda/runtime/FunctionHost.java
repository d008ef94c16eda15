package dev.gatehouse.emulator.lambda.runtime;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.lambda.FunctionConfiguration;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the local AWS gives every execution environment: the region, DynamoDB Local's endpoint, and temporary
 * credentials of the function's execution role, issued by Gatehouse's credential store.
 *
 * @param logSink         receives every output line of an environment with the request id it belongs to
 * @param roleCredentials issues fresh credentials of the execution role for a function name; null gives the
 *                        environment local placeholder keys instead
 */
public record FunctionHost(String region, URI dynamoDbEndpoint, Clock clock,
                           Function<String, Credentials> roleCredentials, LogSink logSink) {
    /** Where an environment's output lines go besides Gatehouse's log (the call record), by request id. */
    @FunctionalInterface
    public interface LogSink {
        LogSink NONE = (functionName, awsRequestId, line) -> { };

        void line(String functionName, String awsRequestId, String line);
    }

    public FunctionHost(String region, URI dynamoDbEndpoint, Clock clock, Function<String, Credentials> roleCredentials) {
        this(region, dynamoDbEndpoint, clock, roleCredentials, LogSink.NONE);
    }

    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    /** The variables of one new environment, and when its credentials expire (null: they do not). */
    record Variables(Map<String, String> values, Instant credentialsExpiration) {
    }

    /**
     * Lambda's defined runtime environment variables, then the runtime's own, then the function's configured
     * {@code environment} (which, as on Lambda, may not override the reserved ones: those win).
     */
    Variables variables(FunctionConfiguration function, GatehouseConfig.Code code, LambdaRuntime runtime) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        String path = System.getenv("PATH");
        env.putIfAbsent("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
        env.putIfAbsent("LANG", "en_US.UTF-8");
        env.putAll(runtime.variables(code));
        env.put("_HANDLER", function.handler());
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", LambdaRuntime.taskRoot(code).toString());
        env.put("LAMBDA_RUNTIME_DIR", RuntimeFiles.root().toString());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroupName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE)
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        if (dynamoDbEndpoint != null) {
            env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        }
        Instant expiration = null;
        Credentials credentials = roleCredentials == null ? null : roleCredentials.apply(function.functionName());
        if (credentials != null) {
            env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
            expiration = credentials.expiration();
        } else {
            env.put("AWS_ACCESS_KEY_ID", "gatehouselocal");
            env.put("AWS_SECRET_ACCESS_KEY", "gatehouselocal");
        }
        return new Variables(Map.copyOf(env), expiration);
    }
}
