package dev.gatehouse.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * "Each user sees only their own data" (OWASP API1, broken object level authorization), generated for any
 * {@link OwnedResource} as JUnit dynamic tests, one per cell of the cross-user matrix: each user creates an item, then
 * for every pair (actor, owner) of different users the actor's GET, update, DELETE and list of the owner's item are
 * refused or empty; the owner's id in a header, the query or a body changes nothing; guessed ids find nothing; an
 * update of another's id creates no item (no phantom); after the refused changes every owner's item reads back byte
 * for byte as it was and every list holds exactly its owner's item. A failing cell is named, e.g.
 * {@code bob PUT alice's note}.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> notes_are_private(@FreshUser("alice") GatehouseUser alice, @FreshUser("bob") GatehouseUser bob,
 *                                      @FreshUser("carol") GatehouseUser carol) {
 *     return OwnershipContract.of(NOTES).tests(alice, bob, carol);
 * }
 * }</pre>
 */
public final class OwnershipContract {
    /** Headers that buggy handlers read a user id from. */
    static final List<String> IDENTITY_HEADERS = List.of("x-user-id", "x-amz-cognito-identity-id", "x-userid");
    /** Ids a caller might guess. */
    static final List<String> GUESSES = List.of("1", "123", "*", "%2A", "..%2F..");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<OwnedResource> resources;

    private OwnershipContract(List<OwnedResource> resources) {
        this.resources = List.copyOf(resources);
    }

    public static OwnershipContract of(OwnedResource... resources) {
        return new OwnershipContract(List.of(resources));
    }

    public static OwnershipContract of(List<OwnedResource> resources) {
        return new OwnershipContract(resources);
    }

    public List<OwnedResource> resources() {
        return resources;
    }

    /**
     * The matrix for these users (at least two, three recommended), one container per resource. Each user creates one
     * item of each resource now; the cells run when JUnit runs the returned tests.
     */
    public Stream<DynamicNode> tests(GatehouseUser... users) {
        if (users.length < 2) {
            throw new IllegalArgumentException("an ownership contract needs at least two users, got " + users.length);
        }
        return resources.stream().map(resource -> {
            World world = new World(resource, users);
            return DynamicContainer.dynamicContainer(resource.name() + ": each user sees only their own",
                    world.cells());
        });
    }

    /** The users, each with one item, and the item as its owner first read it back. */
    private static final class World {
        final OwnedResource resource;
        final Map<String, GatehouseUser> users = new LinkedHashMap<>();
        final Map<String, String> itemOf = new LinkedHashMap<>();
        final Map<String, String> stored = new LinkedHashMap<>();

        World(OwnedResource resource, GatehouseUser[] all) {
            this.resource = resource;
            for (GatehouseUser user : all) {
                users.put(label(user), user);
            }
            users.forEach((name, user) -> {
                Response created = send(user.given(), resource.createMethod(), resource.createPath(),
                        resource.createBody());
                expectSuccess(name + " " + resource.createMethod() + " " + resource.createPath(), created);
                String id = json(created).path(resource.idField()).asText("");
                if (id.isEmpty()) {
                    throw new AssertionError(name + " " + resource.createMethod() + " " + resource.createPath()
                            + ": the response has no " + resource.idField() + ": " + created.asString());
                }
                itemOf.put(name, id);
                Response read = user.given().get(resource.itemPath(), id);
                expectSuccess(name + " GET own " + noun(), read);
                stored.put(name, read.asString());
            });
        }

        /** {@code alice} from {@code alice-some-test-1a2b3c4d@example.com}; the email when labels collide. */
        private String label(GatehouseUser user) {
            String local = user.email().substring(0, user.email().indexOf('@'));
            String label = local.contains("-") ? local.substring(0, local.indexOf('-')) : local;
            return users.containsKey(label) || label.isEmpty() ? user.email() : label;
        }

        String noun() {
            String n = resource.name();
            return n.endsWith("s") ? n.substring(0, n.length() - 1) : n;
        }

        List<String[]> pairs() {
            List<String[]> out = new ArrayList<>();
            for (String actor : users.keySet()) {
                for (String owner : users.keySet()) {
                    if (!actor.equals(owner)) {
                        out.add(new String[] {actor, owner});
                    }
                }
            }
            return out;
        }

        Stream<DynamicNode> cells() {
            List<DynamicNode> groups = new ArrayList<>();
            groups.add(group("another user's " + noun() + " is not readable", pairs().stream().<DynamicNode>map(p -> cell(
                    p[0] + " GET " + p[1] + "'s " + noun(),
                    () -> expectRefused(users.get(p[0]).given().get(resource.itemPath(), itemOf.get(p[1])))))));
            groups.add(group("each list holds only its owner's " + noun(), asStored("listing")));
            List<DynamicNode> updates = new ArrayList<>();
            for (String[] p : pairs()) {
                updates.add(cell(p[0] + " " + resource.updateMethod() + " " + p[1] + "'s " + noun(),
                        () -> expectRefused(update(users.get(p[0]).given(), itemOf.get(p[1]), resource.updateBody()))));
                updates.add(cell(p[0] + "'s " + resource.updateMethod() + " on " + p[1] + "'s id created no "
                        + noun(), () -> expectNoPhantom(p[0], itemOf.get(p[1]))));
            }
            updates.addAll(asStored("another user's " + resource.updateMethod()));
            groups.add(group("another user's " + noun() + " cannot be changed", updates.stream()));
            List<DynamicNode> deletes = new ArrayList<>(pairs().stream().<DynamicNode>map(p -> cell(
                    p[0] + " DELETE " + p[1] + "'s " + noun(),
                    () -> expectRefused(users.get(p[0]).given().delete(resource.itemPath(), itemOf.get(p[1]))))).toList());
            deletes.addAll(asStored("another user's DELETE"));
            groups.add(group("another user's " + noun() + " cannot be deleted", deletes.stream()));
            groups.add(group("another user's id in a header, the query or a body changes nothing", spoofing()));
            groups.add(group("guessed ids find and change nothing", guessing()));
            return groups.stream();
        }

        private Stream<DynamicNode> spoofing() {
            List<DynamicNode> cells = new ArrayList<>();
            for (String[] p : pairs()) {
                String actor = p[0];
                String owner = p[1];
                GatehouseUser u = users.get(actor);
                String ownerId = users.get(owner).identityId();
                String item = itemOf.get(owner);
                for (String header : IDENTITY_HEADERS) {
                    String with = " with " + header + ": " + owner;
                    cells.add(cell(actor + " GET " + owner + "'s " + noun() + with,
                            () -> expectRefused(u.given().header(header, ownerId).get(resource.itemPath(), item))));
                    cells.add(cell(actor + " " + resource.updateMethod() + " " + owner + "'s " + noun() + with,
                            () -> expectRefused(update(u.given().header(header, ownerId), itemOf.get(owner),
                                    resource.updateBody()))));
                    cells.add(cell(actor + " DELETE " + owner + "'s " + noun() + with,
                            () -> expectRefused(u.given().header(header, ownerId).delete(resource.itemPath(), item))));
                    cells.add(cell(actor + " GET " + resource.listPath() + with,
                            () -> expectNotListed(u.given().header(header, ownerId), itemOf.get(owner))));
                }
                cells.add(cell(actor + " GET " + owner + "'s " + noun() + " with ?" + resource.ownerField() + "="
                        + owner, () -> expectRefused(u.given().queryParam(resource.ownerField(), ownerId).get(resource.itemPath(), item))));
                cells.add(cell(actor + " GET " + resource.listPath() + " with ?" + resource.ownerField() + "=" + owner,
                        () -> expectNotListed(u.given().queryParam(resource.ownerField(), ownerId),
                                itemOf.get(owner))));
                cells.add(cell(actor + " " + resource.updateMethod() + " " + owner + "'s " + noun() + " with "
                        + resource.ownerField() + " in the body", () -> expectRefused(update(u.given(),
                        itemOf.get(owner), withOwner(resource.updateBody(), ownerId)))));
                cells.add(cell(actor + " " + resource.createMethod() + " " + resource.createPath() + " with " + owner
                        + "'s " + resource.ownerField() + " in the body", () -> expectCreatedAsActor(actor, ownerId)));
            }
            cells.addAll(asStored("spoofed ids"));
            return cells.stream();
        }

        private Stream<DynamicNode> guessing() {
            List<DynamicNode> cells = new ArrayList<>();
            for (String actor : users.keySet()) {
                GatehouseUser u = users.get(actor);
                List<String> guesses = new ArrayList<>(GUESSES);
                guesses.add(0, UUID.randomUUID().toString());
                for (String guess : guesses) {
                    String item = guess;
                    cells.add(cell(actor + " GET guessed id " + guess, () -> expectRefused(u.given().get(resource.itemPath(), item))));
                    cells.add(cell(actor + " " + resource.updateMethod() + " guessed id " + guess,
                            () -> expectRefused(update(u.given(), guess, resource.updateBody()))));
                    cells.add(cell(actor + " DELETE guessed id " + guess, () -> expectRefused(u.given().delete(resource.itemPath(), item))));
                }
            }
            cells.addAll(asStored("guessed ids"));
            return cells.stream();
        }

        /** Each owner's item byte for byte as first read, and each owner's list exactly that item. */
        private List<DynamicNode> asStored(String after) {
            List<DynamicNode> cells = new ArrayList<>();
            for (String owner : users.keySet()) {
                cells.add(cell(owner + "'s " + noun() + " unchanged after " + after, () -> {
                    Response r = users.get(owner).given().get(resource.itemPath(), itemOf.get(owner));
                    if (r.statusCode() / 100 != 2 || !r.asString().equals(stored.get(owner))) {
                        throw new AssertionError("expected the stored " + noun() + " " + excerpt(stored.get(owner))
                                + ", got " + r.statusCode() + " " + excerpt(r.asString()));
                    }
                }));
                cells.add(cell(owner + "'s list after " + after + " holds only " + owner + "'s " + noun(), () -> {
                    List<String> listed = listedIds(users.get(owner).given());
                    if (!listed.equals(List.of(itemOf.get(owner)))) {
                        throw new AssertionError("expected only " + itemOf.get(owner) + ", got " + listed);
                    }
                }));
            }
            return cells;
        }

        private void expectNoPhantom(String actor, String foreignId) {
            List<String> listed = listedIds(users.get(actor).given());
            if (listed.contains(foreignId)) {
                throw new AssertionError(actor + "'s list now holds " + foreignId + ": " + listed);
            }
            expectRefused(users.get(actor).given().get(resource.itemPath(), foreignId));
        }

        private void expectNotListed(RequestSpecification request, String foreignId) {
            Response r = request.get(resource.listPath());
            if (r.statusCode() / 100 == 2 && r.asString().contains(foreignId)) {
                throw new AssertionError("listed the other user's " + noun() + ": " + excerpt(r.asString()));
            }
        }

        private void expectCreatedAsActor(String actor, String ownerId) {
            GatehouseUser u = users.get(actor);
            Response created = send(u.given(), resource.createMethod(), resource.createPath(),
                    withOwner(resource.createBody(), ownerId));
            String id = created.statusCode() / 100 == 2 ? json(created).path(resource.idField()).asText("") : "";
            try {
                if (!id.isEmpty() && !json(created).path(resource.ownerField()).asText(u.identityId())
                        .equals(u.identityId())) {
                    throw new AssertionError("stored as " + excerpt(created.asString()));
                }
            } finally {
                if (!id.isEmpty()) {
                    u.given().delete(resource.itemPath(), id);
                }
            }
        }

        private List<String> listedIds(RequestSpecification request) {
            Response r = request.get(resource.listPath());
            expectSuccess("GET " + resource.listPath(), r);
            JsonNode items = json(r).at(resource.listPointer());
            if (!items.isArray()) {
                throw new AssertionError("GET " + resource.listPath() + ": expected an array at \""
                        + resource.listPointer() + "\", got " + excerpt(r.asString()));
            }
            return StreamSupport.stream(items.spliterator(), false)
                    .map(n -> n.path(resource.idField()).asText()).toList();
        }

        private Response update(RequestSpecification request, String id, String body) {
            return request.contentType("application/json").body(body).request(resource.updateMethod(),
                    resource.itemPath(), id);
        }

        private void expectRefused(Response r) {
            if (!resource.refusals().contains(r.statusCode())) {
                throw new AssertionError("expected " + (resource.refusals().size() == 1
                        ? resource.refusals().iterator().next() : "one of " + resource.refusals().stream().sorted()
                        .toList()) + ", got " + r.statusCode() + " " + excerpt(r.asString()));
            }
        }

        private String withOwner(String body, String ownerId) {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(body);
                node.put(resource.ownerField(), ownerId);
                return JSON.writeValueAsString(node);
            } catch (IOException | ClassCastException e) {
                throw new IllegalArgumentException(resource.name() + ": the body must be a JSON object: " + body, e);
            }
        }
    }

    private static DynamicTest cell(String name, Executable check) {
        return DynamicTest.dynamicTest(name, check);
    }

    private static DynamicContainer group(String name, Stream<DynamicNode> cells) {
        return DynamicContainer.dynamicContainer(name, cells);
    }

    private static DynamicContainer group(String name, List<DynamicNode> cells) {
        return group(name, cells.stream());
    }

    private static Response send(RequestSpecification request, String method, String path, String body) {
        return request.contentType("application/json").body(body).request(method, path);
    }

    private static void expectSuccess(String what, Response r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(what + ": expected 2xx, got " + r.statusCode() + " " + excerpt(r.asString()));
        }
    }

    private static JsonNode json(Response r) {
        try {
            return JSON.readTree(r.asByteArray());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + excerpt(r.asString()), e);
        }
    }

    private static String excerpt(String body) {
        return body == null ? "null" : body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }
}
