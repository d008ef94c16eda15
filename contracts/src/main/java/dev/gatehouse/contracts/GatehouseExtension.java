package dev.gatehouse.contracts;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JUnit 5 face of Gatehouse: ONE target per JVM (and per target setting), kept in the root
 * {@link ExtensionContext.Store} and closed when the run ends, and parameters injected from it: the in-process
 * {@link Gatehouse}, the {@link Target}, its {@link Outputs}, {@link GatehouseUser}s ({@link FreshUser} per
 * parameter, or {@link User} by name), and the {@link OwnershipContract} of the resources declared with
 * {@link Builder#owns}.
 *
 * <pre>{@code
 * @GatehouseTest
 * class NotesTest {
 *     @Test
 *     void creates(@FreshUser GatehouseUser alice) {
 *         alice.given().body("{\"content\":\"hi\"}").post("/notes").then().statusCode(200);
 *     }
 * }
 * // or
 * @RegisterExtension
 * static GatehouseExtension gatehouse = GatehouseExtension.builder().config(Path.of("my-gatehouse.json")).build();
 * }</pre>
 */
public final class GatehouseExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GatehouseExtension.class);
    private static final Object LOCK = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<Path> config;
    private final List<OwnedResource> owned;

    /** As {@link GatehouseTest} uses it: settings from configuration parameters, system properties, environment. */
    public GatehouseExtension() {
        this(Optional.empty(), List.of());
    }

    private GatehouseExtension(Optional<Path> config, List<OwnedResource> owned) {
        this.config = config;
        this.owned = List.copyOf(owned);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The target of this run, started (or reached) on first use and shared by every test in the JVM. */
    public Target target(ExtensionContext context) {
        TargetSettings settings = TargetSettings.from(context::getConfigurationParameter, config);
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        synchronized (LOCK) {
            return store.computeIfAbsent("target|" + settings.key(), key -> settings.open(), Target.class);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Gatehouse.class || type == Target.class || type == Outputs.class || type == GatehouseUser.class
                || type == OwnershipContract.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == OwnershipContract.class) {
            if (owned.isEmpty()) {
                throw new ParameterResolutionException("an OwnershipContract parameter needs owned resources: declare"
                        + " them with GatehouseExtension.builder().owns(...)");
            }
            return OwnershipContract.of(owned);
        }
        Target target = target(context);
        if (type == Target.class) {
            return target;
        }
        if (type == Outputs.class) {
            return target.outputs();
        }
        if (type == Gatehouse.class) {
            return target.gatehouse().orElseThrow(() -> new ParameterResolutionException("a Gatehouse parameter "
                    + "needs the target in process, but it is " + target + "; mark the test @GatehouseOnly"));
        }
        Optional<User> named = parameter.findAnnotation(User.class);
        if (named.isPresent()) {
            return target.user(named.get().value());
        }
        String label = parameter.findAnnotation(FreshUser.class).map(FreshUser::value).orElse("");
        if (label.isEmpty()) {
            label = parameter.getParameter().isNamePresent() ? parameter.getParameter().getName()
                    : "user" + parameter.getIndex();
        }
        String email = freshEmail(label, context);
        GatehouseUser user = target.freshUser(email);
        context.getStore(NAMESPACE).put("fresh|" + email, (AutoCloseable) () -> deleteQuietly(target, email));
        return user;
    }

    static String freshEmail(String label, ExtensionContext context) {
        String test = context.getTestMethod().map(Method::getName).orElseGet(() -> context.getRequiredTestClass()
                .getSimpleName());
        String local = (clean(label) + "-" + clean(test));
        local = local.substring(0, Math.min(local.length(), 48)) + "-" + HexFormat.of().formatHex(random());
        return local + "@example.com";
    }

    private static String clean(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static byte[] random() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteQuietly(Target target, String email) {
        try {
            target.deleteUser(email);
        } catch (RuntimeException e) {
            // already gone (a test deleted or disabled it) or the target is closing: nothing to clean
        }
    }

    /** For {@code @RegisterExtension}. */
    public static final class Builder {
        private Path config;
        private final List<OwnedResource> owned = new ArrayList<>();

        private Builder() {
        }

        /** The configuration of the in-process Gatehouse (default: {@code gatehouse.config}, else the fixtures). */
        public Builder config(Path file) {
            this.config = file;
            return this;
        }

        /** Owner-scoped resources of the API: an {@link OwnershipContract} parameter generates their matrix. */
        public Builder owns(OwnedResource... resources) {
            owned.addAll(List.of(resources));
            return this;
        }

        public GatehouseExtension build() {
            return new GatehouseExtension(Optional.ofNullable(config), owned);
        }
    }
}
