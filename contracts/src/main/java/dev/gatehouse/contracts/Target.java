package dev.gatehouse.contracts;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import dev.gatehouse.emulator.config.GatehouseConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the contracts run against: a Gatehouse in this JVM (the default), a Gatehouse already running at a URL, or a
 * deployed stack on AWS given by its outputs. Against AWS nothing of Gatehouse's internals is used.
 */
public final class Target implements AutoCloseable {
    /** Where the target runs. */
    public enum Kind { IN_PROCESS, RUNNING_GATEHOUSE, DEPLOYED_STACK }

    private final Kind kind;
    private final Outputs outputs;
    private final Gatehouse gatehouse;
    private final Map<String, String> fixturePasswords;
    private final SignIn signIn;
    private final UserPoolAdmin admin;
    private final URI endpoint;

    private Target(Kind kind, Outputs outputs, URI endpoint, Gatehouse gatehouse, Map<String, String> fixturePasswords,
                   AwsCredentialsProvider adminCredentials) {
        this.kind = kind;
        this.outputs = outputs;
        this.gatehouse = gatehouse;
        this.fixturePasswords = Map.copyOf(fixturePasswords);
        this.endpoint = endpoint;
        this.signIn = new SignIn(outputs, endpoint, Clock.systemUTC());
        this.admin = new UserPoolAdmin(outputs, endpoint, adminCredentials);
    }

    /** A Gatehouse in this JVM; closing the target stops it. */
    public static Target inProcess(Gatehouse gatehouse) {
        GatehouseConfig config = gatehouse.config();
        return new Target(Kind.IN_PROCESS, gatehouse.outputs(), gatehouse.baseUri(), gatehouse, passwords(config),
                developer(gatehouse.developerCredentials()));
    }

    /**
     * A Gatehouse already running at {@code baseUri} (its outputs are read from {@code /_gatehouse/outputs}).
     * @param config its configuration's users, and the developer keys it uses for fresh users: the configuration's
     *               when it gives them, else the running Gatehouse's (random), read from
     *               {@code /_gatehouse/credentials/developer} through the admin door
     */
    public static Target runningAt(URI baseUri, Outputs outputs, GatehouseConfig config) {
        GatehouseConfig.Developer developer = config.developer();
        if (developer == null || developer.accessKeyId() == null || developer.secretAccessKey() == null) {
            developer = RunningGatehouse.developer(baseUri);
        }
        return new Target(Kind.RUNNING_GATEHOUSE, outputs, baseUri, null, passwords(config), developer(developer));
    }

    /**
     * A deployed stack: AWS's own endpoints; fresh users are created with the default AWS credentials chain.
     * @param users email to password of the stack's test users
     */
    public static Target deployed(Outputs outputs, Map<String, String> users) {
        return new Target(Kind.DEPLOYED_STACK, outputs, null, null, users, DefaultCredentialsProvider.builder().build());
    }

    public Kind kind() {
        return kind;
    }

    public Outputs outputs() {
        return outputs;
    }

    /** The Gatehouse in this JVM, with its internals (call record, clock, credential expiry), if the target is one. */
    public Optional<Gatehouse> gatehouse() {
        return Optional.ofNullable(gatehouse);
    }

    /** Signs in a configured test user. */
    public GatehouseUser user(String email) {
        String password = fixturePasswords.get(email);
        if (password == null) {
            throw new IllegalArgumentException("no test user " + email + " is configured for this target (known: "
                    + fixturePasswords.keySet() + ")");
        }
        return new GatehouseUser(this, email, password, Clock.systemUTC());
    }

    /** Creates a confirmed user in the user pool and signs them in. */
    public GatehouseUser freshUser(String email) {
        String password = admin.createConfirmedUser(email);
        return new GatehouseUser(this, email, password, Clock.systemUTC());
    }

    /** Deletes a user made by {@link #freshUser}. */
    public void deleteUser(String email) {
        admin.deleteUser(email);
    }

    /**
     * What the user pool sent to this address (codes), newest first: read from the Gatehouse in this JVM, or from a
     * running one's {@code GET /_gatehouse/messages?to=EMAIL}. A deployed stack sends real email: not readable here.
     */
    public List<Outbox.Message> messages(String email) {
        return switch (kind) {
            case IN_PROCESS -> gatehouse.messages(email);
            case RUNNING_GATEHOUSE -> GatehouseMessages.read(endpoint, email);
            case DEPLOYED_STACK -> throw new UnsupportedOperationException("a deployed stack sends its codes by real "
                    + "email; read them from the mailbox (or mark the test @GatehouseOnly)");
        };
    }

    /** The code of the newest message to this address; throws when there is none. */
    public String latestCode(String email) {
        return messages(email).stream().findFirst().map(Outbox.Message::code).orElseThrow(
                () -> new IllegalStateException("no message was sent to " + email + " on " + this));
    }

    /** The code of the newest message of this kind to this address; throws when there is none. */
    public String latestCode(String email, Outbox.Kind kind) {
        return messages(email).stream().filter(m -> m.kind() == kind).findFirst().map(Outbox.Message::code)
                .orElseThrow(() -> new IllegalStateException("no " + kind + " message was sent to " + email + " on "
                        + this));
    }

    public UserPoolAdmin userPoolAdmin() {
        return admin;
    }

    SignIn signIn() {
        return signIn;
    }

    @Override
    public void close() {
        signIn.close();
        admin.close();
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case IN_PROCESS -> "Gatehouse in process at " + gatehouse.baseUri();
            case RUNNING_GATEHOUSE -> "Gatehouse running at " + outputs.apiEndpoint();
            case DEPLOYED_STACK -> "deployed stack " + outputs.apiEndpoint();
        };
    }

    private static Map<String, String> passwords(GatehouseConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.users().forEach(u -> out.put(u.email(), u.password()));
        return out;
    }

    private static AwsCredentialsProvider developer(GatehouseConfig.Developer developer) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(developer.accessKeyId(),
                developer.secretAccessKey()));
    }
}
