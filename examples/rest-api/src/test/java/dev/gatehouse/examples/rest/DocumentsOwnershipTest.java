package dev.gatehouse.examples.rest;

import dev.gatehouse.contracts.GatehouseExtension;
import dev.gatehouse.contracts.GatehouseUser;
import dev.gatehouse.contracts.OwnedResource;
import dev.gatehouse.contracts.OwnershipContract;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.stream.Stream;

// The README's adoption example ("Ownership contracts for your own resources"), copied verbatim from BEGIN to END;
// ReadmeExampleTest checks that the README still shows exactly these lines.
// BEGIN README
class DocumentsOwnershipTest {
    @RegisterExtension
    static GatehouseExtension gatehouse = GatehouseExtension.builder()
            .config(Path.of("gatehouse.json"))
            .owns(OwnedResource.named("documents")
                    .create("POST /documents", "{\"title\":\"plans\",\"text\":\"secret\"}")
                    .idField("documentId")
                    .item("/documents/{id}")
                    .update("{\"title\":\"hacked\",\"text\":\"gone\"}")
                    .list("GET /documents")
                    .ownerField("userId")
                    .build())
            .build();

    @TestFactory
    Stream<DynamicNode> each_user_sees_only_their_own(OwnershipContract contract,
            GatehouseUser alice, GatehouseUser bob, GatehouseUser carol) {
        return contract.tests(alice, bob, carol);
    }
}
// END README
