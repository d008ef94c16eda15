package dev.gatehouse.contracts.mutants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A planted bug: the fixture configuration with some routes' handlers replaced by a mutant class. */
record Mutant(String name, Map<String, Class<?>> handlers) {
    static final Mutant NONE = new Mutant("no-mutant", Map.of());

    static final List<Mutant> ALL = List.of(
            new Mutant("a-hard-coded-user-id", Map.of("POST /notes", HardCodedUserCreateNote.class)),
            new Mutant("b-list-scans-the-table", Map.of("GET /notes", ScanningListNotes.class)),
            new Mutant("c-note-id-alone", Map.of("GET /notes/{id}", NoteIdOnlyNotes.class,
                    "PUT /notes/{id}", NoteIdOnlyNotes.class, "DELETE /notes/{id}", NoteIdOnlyNotes.class)),
            new Mutant("d-update-upserts", Map.of("PUT /notes/{id}", UpsertUpdateNote.class)),
            new Mutant("e-user-id-from-header", Map.of("GET /notes/{id}", HeaderIdentityGetNote.class)));

    /** Writes this mutant's configuration into {@code dir} and returns the file. */
    Path writeConfig(Path dir) {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = Mutant.class.getClassLoader().getResourceAsStream("gatehouse-fixtures/gatehouse.json")) {
            if (in == null) {
                throw new IllegalStateException("the packaged fixture configuration is not on the classpath");
            }
            ObjectNode config = (ObjectNode) json.readTree(in);
            handlers.forEach((route, handler) -> {
                ObjectNode node = (ObjectNode) config.path("routes").path(route);
                if (node.isMissingNode()) {
                    throw new IllegalStateException("no route " + route + " in the fixture configuration");
                }
                node.put("handler", handler.getName());
            });
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".json");
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
