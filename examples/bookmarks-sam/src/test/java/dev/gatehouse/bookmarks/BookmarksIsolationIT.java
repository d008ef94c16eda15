package dev.gatehouse.bookmarks;

import dev.gatehouse.contracts.FreshUser;
import dev.gatehouse.contracts.GatehouseTest;
import dev.gatehouse.contracts.GatehouseUser;
import dev.gatehouse.contracts.User;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bookmarks API's contract, run by Failsafe against the Gatehouse that gatehouse-maven-plugin started from
 * template.yaml: each user sees only their own bookmarks, by id, in the list and through the URL index, and nobody
 * deletes another's. Every failing cell of the matrix is named, not only the first.
 */
@GatehouseTest
class BookmarksIsolationIT {
    private static final String SHARED_URL = "https://example.com/shared";

    /** Three users who bookmarked the same URL; their bookmarks' ids. */
    private static final class World {
        final Map<String, GatehouseUser> users = new LinkedHashMap<>();
        final Map<String, String> bookmarkOf = new LinkedHashMap<>();
        final List<String> failures = new ArrayList<>();

        World(GatehouseUser ada, GatehouseUser bob, GatehouseUser cy) {
            users.put("ada", ada);
            users.put("bob", bob);
            users.put("cy", cy);
            users.forEach((name, user) -> {
                Response created = user.given().contentType("application/json")
                        .body("{\"url\":\"" + SHARED_URL + "\",\"title\":\"" + name + "'s\"}").post("/bookmarks");
                assertEquals(201, created.statusCode(), created.asString());
                bookmarkOf.put(name, created.path("bookmarkId"));
            });
        }

        void cell(String name, boolean holds, String got) {
            if (!holds) {
                failures.add(name + ": " + got);
            }
        }

        void assertAllHold() {
            assertTrue(failures.isEmpty(), failures.size() + " cells failed:\n" + String.join("\n", failures));
        }
    }

    @Test
    void each_user_sees_only_their_own_bookmarks(@FreshUser("ada") GatehouseUser ada, @FreshUser("bob") GatehouseUser bob,
                                                 @FreshUser("cy") GatehouseUser cy) {
        World w = new World(ada, bob, cy);
        for (String actor : w.users.keySet()) {
            GatehouseUser user = w.users.get(actor);
            for (String owner : w.users.keySet()) {
                Response r = user.given().get("/bookmarks/{id}", w.bookmarkOf.get(owner));
                int expected = actor.equals(owner) ? 200 : 404;
                w.cell(actor + " GET " + owner + "'s bookmark", r.statusCode() == expected, r.statusCode() + " "
                        + r.asString());
            }
            Response list = user.given().get("/bookmarks");
            w.cell(actor + " lists", list.statusCode() == 200
                    && list.jsonPath().getList("bookmarkId").equals(List.of(w.bookmarkOf.get(actor))), list.asString());
            Response search = user.given().queryParam("url", SHARED_URL).get("/bookmarks/search");
            w.cell(actor + " searches the shared URL", search.statusCode() == 200
                    && search.jsonPath().getList("bookmarkId").equals(List.of(w.bookmarkOf.get(actor))),
                    search.asString());
        }
        w.assertAllHold();
    }

    @Test
    void nobody_deletes_anothers_bookmark(@FreshUser("ada") GatehouseUser ada, @FreshUser("bob") GatehouseUser bob,
                                          @FreshUser("cy") GatehouseUser cy) {
        World w = new World(ada, bob, cy);
        for (String actor : w.users.keySet()) {
            for (String owner : w.users.keySet()) {
                if (!actor.equals(owner)) {
                    Response r = w.users.get(actor).given().delete("/bookmarks/{id}", w.bookmarkOf.get(owner));
                    w.cell(actor + " DELETE " + owner + "'s bookmark", r.statusCode() == 404, r.statusCode() + " "
                            + r.asString());
                }
            }
        }
        for (String owner : w.users.keySet()) {
            Response r = w.users.get(owner).given().get("/bookmarks/{id}", w.bookmarkOf.get(owner));
            w.cell(owner + "'s bookmark after the others' deletes", r.statusCode() == 200, r.statusCode() + "");
        }
        Response own = ada.given().delete("/bookmarks/{id}", w.bookmarkOf.get("ada"));
        w.cell("ada DELETE her own", own.statusCode() == 204, own.statusCode() + " " + own.asString());
        w.assertAllHold();
    }

    @Test
    void an_unsigned_call_is_refused_and_the_template_users_sign_in(@User("ada@example.com") GatehouseUser ada) {
        assertEquals(403, ada.unsigned().get("/bookmarks").statusCode());
        assertEquals(200, ada.given().get("/bookmarks").statusCode());
    }

    @Test
    void the_templates_own_output_points_at_gatehouse() {
        String url = System.getProperty("bookmarks.apiUrl");
        assertTrue(url != null && url.startsWith("http://127.0.0.1:"), "BookmarksApiUrl output: " + url);
    }
}
