package dev.gatehouse.contracts;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An owner-scoped resource of an API, declared for {@link OwnershipContract}: how an item is created, where each item
 * lives, how the owner's items are listed, and which field names the owner.
 *
 * <pre>{@code
 * OwnedResource notes = OwnedResource.named("notes")
 *         .create("POST /notes", "{\"content\":\"secret\",\"attachment\":\"a.jpg\"}")
 *         .idField("noteId")
 *         .item("/notes/{id}")
 *         .update("{\"content\":\"overwritten\",\"attachment\":\"b.jpg\"}")
 *         .list("GET /notes")
 *         .ownerField("userId")
 *         .build();
 * }</pre>
 *
 * @param name          what the items are called in test names, e.g. {@code notes}
 * @param createMethod  the method of the create route, e.g. {@code POST}
 * @param createPath    the path of the create route, e.g. {@code /notes}
 * @param createBody    the JSON body of a create request
 * @param idField       the field of the created item (the create response) that holds its id, e.g. {@code noteId}
 * @param itemPath      the item routes' path with one {@code {variable}} for the id, e.g. {@code /notes/{id}}; GET reads
 *                      an item, PUT updates it, DELETE deletes it (each can be changed with {@link Builder})
 * @param updateMethod  the method that changes an item, {@code PUT} unless declared otherwise
 * @param updateBody    the JSON body of an update request
 * @param listPath      the path of the list route ({@code GET}); its body is a JSON array of items, or holds one at
 *                      {@code listPointer}
 * @param listPointer   a JSON pointer to the array of items in the list response, {@code ""} for the body itself
 * @param ownerField    the field that names the owner (the caller's identity id), e.g. {@code userId}; a spoofed
 *                      value of it goes into the query, headers and bodies
 * @param refusals      the statuses that count as "refused" for another user's item or a guessed id; {@code 404} and
 *                      {@code 403} unless declared otherwise
 */
public record OwnedResource(String name, String createMethod, String createPath, String createBody, String idField,
                            String itemPath, String updateMethod, String updateBody, String listPath,
                            String listPointer, String ownerField, Set<Integer> refusals) {
    private static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|PATCH|DELETE) (/\\S*)");
    private static final Pattern ITEM = Pattern.compile("/\\S*\\{[^/{}]+}\\S*");

    public OwnedResource {
        Objects.requireNonNull(name, "name");
        refusals = Set.copyOf(refusals);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds an {@link OwnedResource}; {@link #build()} says what is missing or wrong, all at once. */
    public static final class Builder {
        private final String name;
        private String createRoute;
        private String createBody;
        private String idField;
        private String itemPath;
        private String updateMethod = "PUT";
        private String updateBody;
        private String listRoute;
        private String listPointer = "";
        private String ownerField;
        private Set<Integer> refusals = Set.of(403, 404);

        private Builder(String name) {
            this.name = name;
        }

        /** The create route and a JSON body that creates one item, e.g. {@code "POST /notes"}. */
        public Builder create(String route, String jsonBody) {
            this.createRoute = route;
            this.createBody = jsonBody;
            return this;
        }

        public Builder idField(String field) {
            this.idField = field;
            return this;
        }

        /** The item routes' path, e.g. {@code "/notes/{id}"}. */
        public Builder item(String path) {
            this.itemPath = path;
            return this;
        }

        /** A JSON body that changes an item, sent with PUT. */
        public Builder update(String jsonBody) {
            return update("PUT", jsonBody);
        }

        /** A JSON body that changes an item, sent with {@code method} (e.g. {@code PATCH}). */
        public Builder update(String method, String jsonBody) {
            this.updateMethod = method;
            this.updateBody = jsonBody;
            return this;
        }

        /** The list route, e.g. {@code "GET /notes"}, whose body is a JSON array of the caller's items. */
        public Builder list(String route) {
            return list(route, "");
        }

        /** The list route, with a JSON pointer to the array of items, e.g. {@code "/items"}. */
        public Builder list(String route, String itemsPointer) {
            this.listRoute = route;
            this.listPointer = itemsPointer;
            return this;
        }

        public Builder ownerField(String field) {
            this.ownerField = field;
            return this;
        }

        /** The exact statuses of a refusal (e.g. only {@code 404}: another's item must look absent). */
        public Builder refusedWith(Integer... statuses) {
            this.refusals = Set.of(statuses);
            return this;
        }

        public OwnedResource build() {
            List<String> problems = new java.util.ArrayList<>();
            if (createRoute == null || !ROUTE.matcher(createRoute).matches()) {
                problems.add("create: expected a route such as \"POST /notes\", got " + quoted(createRoute));
            }
            if (createBody == null) {
                problems.add("create: expected a JSON body");
            }
            if (idField == null || idField.isBlank()) {
                problems.add("idField: expected the field of a created item that holds its id, e.g. \"noteId\"");
            }
            if (itemPath == null || !ITEM.matcher(itemPath).matches()) {
                problems.add("item: expected a path with one {variable} for the id, e.g. \"/notes/{id}\", got "
                        + quoted(itemPath));
            }
            if (updateBody == null || !Set.of("PUT", "PATCH", "POST").contains(updateMethod)) {
                problems.add("update: expected PUT, PATCH or POST and a JSON body");
            }
            if (listRoute == null || !listRoute.startsWith("GET ") || !ROUTE.matcher(listRoute).matches()) {
                problems.add("list: expected a route such as \"GET /notes\", got " + quoted(listRoute));
            }
            if (listPointer == null || !(listPointer.isEmpty() || listPointer.startsWith("/"))) {
                problems.add("list: the items pointer must be \"\" or a JSON pointer such as \"/items\"");
            }
            if (ownerField == null || ownerField.isBlank()) {
                problems.add("ownerField: expected the field that names the owner, e.g. \"userId\"");
            }
            if (refusals.isEmpty() || refusals.stream().anyMatch(s -> s < 400 || s > 499)) {
                problems.add("refusedWith: expected 4xx statuses, got " + refusals);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("owned resource \"" + name + "\": " + String.join("; ", problems));
            }
            String[] create = createRoute.split(" ", 2);
            return new OwnedResource(name, create[0], create[1], createBody, idField, itemPath, updateMethod,
                    updateBody, listRoute.substring(4), listPointer, ownerField, refusals);
        }

        private static String quoted(String s) {
            return s == null ? "nothing" : "\"" + s + "\"";
        }
    }
}
