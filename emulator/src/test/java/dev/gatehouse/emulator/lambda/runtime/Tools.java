package dev.gatehouse.emulator.lambda.runtime;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.lambda.FunctionConfiguration;
import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/** Test set-up for process functions: the tools they need (skipped when missing unless CI=true) and test code. */
final class Tools {
    private Tools() {
    }

    /** Skips the calling test when {@code command --version} does not run, unless {@code CI=true}. */
    static void require(String command, String howToInstall) {
        if (LambdaRuntime.version(command).isPresent()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + command + " is not available: " + howToInstall);
        }
        Assumptions.abort(command + " is not available (" + howToInstall + "): skipping");
    }

    /** A test resource folder under {@code runtime/}. */
    static Path code(String folder) {
        try {
            return Path.of(Tools.class.getResource("/runtime/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProcessFunction function(String runtime, String folder, String handler, int reservedConcurrency,
                                    Duration timeout, Map<String, String> environment, FunctionHost host) {
        GatehouseConfig.Code code = new GatehouseConfig.Code(runtime, code(folder), reservedConcurrency, "process");
        String name = FunctionConfiguration.scriptNameOf(handler);
        FunctionConfiguration configuration = new FunctionConfiguration(name, handler, "POST /test", timeout, 256,
                environment, "us-east-1", "123456789012");
        return new ProcessFunction(configuration, code, host);
    }

    static FunctionHost host() {
        return new FunctionHost("us-east-1", null, Clock.systemUTC(), null);
    }
}
