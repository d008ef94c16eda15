package dev.gatehouse.contracts;

import java.util.List;

/** The contract suites, for runs that select them (the mutant check runs the hand-written and generated apart). */
public final class Suites {
    private Suites() {
    }

    public static List<Class<?>> all() {
        return List.of(NotesContract.class, UserIsolationContract.class, AuthenticationContract.class,
                IdentityContract.class, NotesOwnershipContract.class);
    }

    /** The suites written by hand. */
    public static List<Class<?>> handWritten() {
        return List.of(NotesContract.class, UserIsolationContract.class, AuthenticationContract.class,
                IdentityContract.class);
    }

    /** The ownership matrix generated from the notes resource's declaration ({@code OwnershipContract}). */
    public static List<Class<?>> generated() {
        return List.of(NotesOwnershipContract.class);
    }
}
