package dev.gatehouse.contracts;

import java.util.List;

/** The contract suites, for runs that select them all (the mutant check). */
public final class Suites {
    private Suites() {
    }

    public static List<Class<?>> all() {
        return List.of(NotesContract.class, UserIsolationContract.class, AuthenticationContract.class,
                IdentityContract.class);
    }
}
