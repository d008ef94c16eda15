package dev.gatehouse.emulator.cli;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./gatehouse start}: runs Gatehouse until Ctrl-C or SIGTERM. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts Gatehouse on 127.0.0.1 and prints 'Gatehouse ready at http://127.0.0.1:PORT' when "
                + "every endpoint answers, then the stack outputs and the test users.")
final class StartCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = Gatehouse.DEFAULT_PORT;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration (default: the packaged fixtures/gatehouse.json).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep notes, users, identities, credentials and keys here across restarts "
                    + "(default: everything in memory).")
    Path dataDir;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
            description = "Use this DynamoDB instead of starting DynamoDB Local.")
    URI dynamoDbEndpoint;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to listen on (default: "
            + "${DEFAULT-VALUE}). Anything but loopback puts the API, Cognito and the token-guarded admin "
            + "endpoints on the network: read the README's Security model first.")
    String host = "127.0.0.1";

    @Option(names = "--stop-when-ready", hidden = true,
            description = "Start, print the ready line, then stop at once (a smoke test; the launcher's AppCDS "
                    + "training run).")
    boolean stopWhenReady;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
        }
        GatehouseConfig cfg = config == null ? ConfigLoader.loadDefault() : ConfigLoader.load(config);
        Gatehouse gatehouse = Gatehouse.builder().config(cfg).port(port).host(host).dataDir(dataDir)
                .dynamoDbEndpoint(dynamoDbEndpoint).start();
        if (stopWhenReady) {
            System.out.println("Gatehouse ready at " + gatehouse.baseUri());
            gatehouse.close();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gatehouse.close();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        System.out.println("Gatehouse ready at " + gatehouse.baseUri());
        Outputs o = gatehouse.outputs();
        System.out.println();
        System.out.println("Console: " + gatehouse.consoleUri());
        System.out.println("  (the admin token in this URL guards /_gatehouse/*; ./gatehouse commands read it from "
                + dev.gatehouse.emulator.client.AdminToken.fileFor(gatehouse.port()) + ")");
        System.out.println();
        System.out.println("Outputs (GET " + gatehouse.baseUri() + "/_gatehouse/outputs with the token):");
        System.out.printf("  %-17s %s%n", "Region", o.region());
        System.out.printf("  %-17s %s%n", "UserPoolId", o.userPoolId());
        System.out.printf("  %-17s %s%n", "UserPoolClientId", o.userPoolClientId());
        System.out.printf("  %-17s %s%n", "IdentityPoolId", o.identityPoolId());
        System.out.printf("  %-17s %s%n", "ApiEndpoint", o.apiEndpoint());
        System.out.println();
        System.out.println("Test users (email, password, identity id):");
        for (GatehouseConfig.User u : cfg.users()) {
            System.out.printf("  %-22s %-18s %s%n", u.email(), u.password(), gatehouse.identityIdOf(u.email()));
        }
        System.out.println();
        System.out.println("Try:  eval \"$(./gatehouse credentials admin@example.com)\"");
        System.out.println("      curl -s --aws-sigv4 \"aws:amz:" + o.region() + ":execute-api\" --user "
                + "\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" -H \"x-amz-security-token: $AWS_SESSION_TOKEN\" "
                + o.apiEndpoint() + "/notes");
        System.out.println("Stop with Ctrl-C.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
