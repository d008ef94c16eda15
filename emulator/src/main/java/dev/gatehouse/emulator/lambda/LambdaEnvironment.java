package dev.gatehouse.emulator.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.emulator.dynamodb.InProcessHttpService;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Lambda's environment gives a handler, as JVM system properties (a running JVM cannot change its environment
 * variables; handlers read settings through a helper that falls back from the environment variable to the system
 * property of the same name, and the AWS SDK reads its standard system properties before the environment):
 * <ul>
 *   <li>{@code AWS_REGION}, {@code AWS_DEFAULT_REGION} and the SDK's {@code aws.region};</li>
 *   <li>the SDK's {@code aws.accessKeyId} / {@code aws.secretAccessKey}: local keys, so the default credentials chain
 *       never reaches for the developer's real AWS keys;</li>
 *   <li>the SDK's {@code aws.endpointUrlDynamoDb} (SDK v2 service-specific endpoint setting, also read from
 *       {@code AWS_ENDPOINT_URL_DYNAMODB}), so a default {@code DynamoDbClient.create()} reaches DynamoDB Local;</li>
 *   <li>the SDK's {@code software.amazon.awssdk.http.service.impl}, when the functions' DynamoDB calls are served in
 *       process ({@link DynamoDbInProcess}): a client built without an explicit HTTP client gets
 *       {@link InProcessHttpService};</li>
 *   <li>per function: its configured environment, {@code AWS_LAMBDA_FUNCTION_NAME},
 *       {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@code AWS_LAMBDA_FUNCTION_VERSION},
 *       {@code AWS_LAMBDA_LOG_GROUP_NAME}.</li>
 * </ul>
 * System properties are JVM-global: there is one environment per JVM. Functions are applied when their instance is
 * created; for a name two functions set differently, the last one applied wins (a warning names both); the Lambda
 * Context always carries the right function name and memory size. {@link #close()} restores the previous values.
 */
public final class LambdaEnvironment implements AutoCloseable {
    public static final String DYNAMODB_ENDPOINT_PROPERTY = "aws.endpointUrlDynamoDb";
    public static final String LOCAL_ACCESS_KEY_ID = "gatehouselocal";
    public static final String LOCAL_SECRET_ACCESS_KEY = "gatehouselocal";

    private static final Logger LOG = LoggerFactory.getLogger(LambdaEnvironment.class);
    private static final Object LOCK = new Object();

    private final Map<String, String> previous = new LinkedHashMap<>();
    private final Map<String, String> setBy = new HashMap<>();

    /**
     * Sets the shared settings.
     *
     * @param dynamoDbEndpoint the DynamoDB every handler's SDK client reaches; null leaves the SDK's default
     */
    public LambdaEnvironment(String region, URI dynamoDbEndpoint) {
        this(region, dynamoDbEndpoint, false);
    }

    /**
     * Sets the shared settings.
     *
     * @param dynamoDbEndpoint the DynamoDB every handler's SDK client reaches; null leaves the SDK's default
     * @param dynamoDbInProcess true to make {@link InProcessHttpService} the SDK's default HTTP client (see
     *                          {@link DynamoDbInProcess#decide}); a value the JVM already has is left as it is
     */
    public LambdaEnvironment(String region, URI dynamoDbEndpoint, boolean dynamoDbInProcess) {
        set("AWS_REGION", region, null);
        set("AWS_DEFAULT_REGION", region, null);
        set("aws.region", region, null);
        set("aws.accessKeyId", LOCAL_ACCESS_KEY_ID, null);
        set("aws.secretAccessKey", LOCAL_SECRET_ACCESS_KEY, null);
        if (dynamoDbEndpoint != null) {
            set(DYNAMODB_ENDPOINT_PROPERTY, dynamoDbEndpoint.toString(), null);
        }
        if (dynamoDbInProcess && System.getProperty(DynamoDbInProcess.SDK_HTTP_SERVICE_PROPERTY) == null) {
            set(DynamoDbInProcess.SDK_HTTP_SERVICE_PROPERTY, InProcessHttpService.class.getName(), null);
        }
    }

    /** Sets a function's settings; called before its handler class is initialized. */
    void apply(FunctionConfiguration function) {
        synchronized (LOCK) {
            function.environment().forEach((name, value) -> set(name, value, function.functionName()));
            set("AWS_LAMBDA_FUNCTION_NAME", function.functionName(), null);
            set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()), null);
            set("AWS_LAMBDA_FUNCTION_VERSION", LambdaContext.VERSION, null);
            set("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroupName(), null);
        }
    }

    private void set(String name, String value, String function) {
        synchronized (LOCK) {
            if (!previous.containsKey(name)) {
                previous.put(name, System.getProperty(name));
            }
            String current = System.getProperty(name);
            String owner = setBy.get(name);
            if (function != null && owner != null && !owner.equals(function) && !value.equals(current)) {
                LOG.warn("System property {}: function {} sets '{}' but function {} had set '{}'; system properties "
                        + "are JVM-global, {}'s value now applies to both", name, function, value, owner, current, function);
            }
            if (function != null) {
                setBy.put(name, function);
            }
            System.setProperty(name, value);
        }
    }

    /** Restores every system property this environment set to its previous value. */
    @Override
    public void close() {
        synchronized (LOCK) {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
            previous.clear();
            setBy.clear();
        }
    }
}
