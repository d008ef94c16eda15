package dev.gatehouse.emulator.lambda;

import dev.gatehouse.emulator.dynamodb.InProcessDynamoDb;
import dev.gatehouse.emulator.dynamodb.InProcessHttpService;
import software.amazon.awssdk.core.SdkSystemSetting;

import java.net.URI;
import java.util.Map;

/**
 * Whether the in-process functions' DynamoDB calls are served without a socket: the AWS SDK's default HTTP client
 * discovery reads the JVM-global system property {@code software.amazon.awssdk.http.service.impl}, once per copy of the
 * SDK, so Gatehouse names {@link dev.gatehouse.emulator.dynamodb.InProcessHttpService} there only when that is safe for
 * every function of this JVM:
 * <ul>
 *   <li>the DynamoDB is a DynamoDB Local started in this JVM (not {@code --dynamodb-endpoint});</li>
 *   <li>not turned off: {@code GATEHOUSE_DYNAMODB_IN_PROCESS=false} (environment) or
 *       {@code -Dgatehouse.dynamodbInProcess=false} (JVM, e.g. through {@code GATEHOUSE_EXTRA_JAVA_OPTS});</li>
 *   <li>the JVM has no other value for the property (the user's choice stays; another Gatehouse of the JVM may have
 *       named the same class already);</li>
 *   <li>every in-process function's code runs Gatehouse's copy of the SDK or none: the SDK loads the named class
 *       from its own class loader, so a code location that ships another SDK version (its own copy, see
 *       {@link SharedSdk}) could not load it, and each of its default clients would fail to build.</li>
 * </ul>
 * A client built with an explicit HTTP client ({@code httpClientBuilder(ApacheHttpClient.builder())}) never reads the
 * property: its calls go over the socket as before.
 */
public final class DynamoDbInProcess {
    public static final String SDK_HTTP_SERVICE_PROPERTY = SdkSystemSetting.SYNC_HTTP_SERVICE_IMPL.property();
    public static final String SWITCH_PROPERTY = "gatehouse.dynamodbInProcess";
    public static final String SWITCH_VARIABLE = "GATEHOUSE_DYNAMODB_IN_PROCESS";

    /** The decision, and why (for the log). */
    public record Decision(boolean inProcess, String reason) {
    }

    private DynamoDbInProcess() {
    }

    /**
     * @param loaders the class loader of each in-process function's code, by function name
     */
    public static Decision decide(URI dynamoDbEndpoint, Map<String, ClassLoader> loaders, Map<String, String> env) {
        String off = System.getProperty(SWITCH_PROPERTY, env.get(SWITCH_VARIABLE));
        if (off != null && off.trim().equalsIgnoreCase("false")) {
            return new Decision(false, "turned off (" + (System.getProperty(SWITCH_PROPERTY) != null
                    ? "-D" + SWITCH_PROPERTY : SWITCH_VARIABLE) + "=false)");
        }
        if (dynamoDbEndpoint == null) {
            return new Decision(false, "no DynamoDB endpoint");
        }
        if (!InProcessDynamoDb.serves(dynamoDbEndpoint)) {
            return new Decision(false, dynamoDbEndpoint + " is not a DynamoDB Local started in this JVM");
        }
        String own = System.getProperty(SDK_HTTP_SERVICE_PROPERTY);
        if (own != null && !own.equals(InProcessHttpService.class.getName())) {
            return new Decision(false, "the JVM's " + SDK_HTTP_SERVICE_PROPERTY + " is already " + own);
        }
        for (Map.Entry<String, ClassLoader> e : loaders.entrySet()) {
            if (!seesGatehouseSdkOrNone(e.getValue())) {
                return new Decision(false, "function " + e.getKey() + " ships its own copy of the AWS SDK, which "
                        + "could not load Gatehouse's HTTP client");
            }
        }
        return new Decision(true, "handlers' SDK clients without an explicit HTTP client reach " + dynamoDbEndpoint
                + " in process (" + SWITCH_VARIABLE + "=false turns this off)");
    }

    /** True when the code's SDK core is Gatehouse's own class, or the code has no SDK core at all. */
    static boolean seesGatehouseSdkOrNone(ClassLoader loader) {
        try {
            return Class.forName(SdkSystemSetting.class.getName(), false, loader) == SdkSystemSetting.class;
        } catch (ClassNotFoundException e) {
            return true;
        } catch (LinkageError e) {
            return false;
        }
    }
}
