package dev.gatehouse.contracts;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code @RegisterExtension} form: a configuration file given to the builder; the target is injected as usual. */
class ExtensionBuilderTest {
    @RegisterExtension
    static final GatehouseExtension GATEHOUSE = GatehouseExtension.builder()
            .config(Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "gatehouse.json")).build();

    @Test
    @GatehouseOnly("injects the in-process Gatehouse")
    void a_registered_extension_injects_gatehouse_outputs_and_users(Gatehouse gatehouse, Outputs outputs,
            Target target, @User("admin@example.com") GatehouseUser admin) {
        assertEquals(gatehouse.outputs(), outputs);
        assertEquals(gatehouse, target.gatehouse().orElseThrow());
        assertEquals(gatehouse.identityIdOf("admin@example.com"), admin.identityId());
        assertEquals(200, admin.given().get("/notes").statusCode());
    }
}
