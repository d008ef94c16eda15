package dev.gatehouse.emulator.dynamodb;

import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoaderUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DynamoDB Local's SQLite library kept as one verified, owner-only copy instead of a new temporary file per start. */
class SqliteLibraryTest {
    private static byte[] jarLibrary() throws Exception {
        String resource = "/" + SQLiteLibraryLoader.class.getPackageName().replace('.', '/') + "/native/"
                + SQLiteLibraryLoaderUtil.getNativeLibFolderPathForCurrentOS() + "/"
                + SQLiteLibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteLibraryLoader.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void the_copy_is_the_jars_library_owner_only_and_made_once(@TempDir Path dir) throws Exception {
        Path nativeDir = dir.resolve("home/.gatehouse/native");
        Path copy = SqliteLibrary.copyIn(nativeDir).orElseThrow();
        assertArrayEquals(jarLibrary(), Files.readAllBytes(copy));
        assertTrue(copy.getFileName().toString().matches("sqlite4java-[0-9a-f]{8}-"
                + SQLiteLibraryLoaderUtil.getNativeLibName().replace(".", "\\.")), copy.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nativeDir)));
        Object inode = Files.readAttributes(copy, "unix:ino").get("ino");

        assertEquals(copy, SqliteLibrary.copyIn(nativeDir).orElseThrow());
        assertEquals(inode, Files.readAttributes(copy, "unix:ino").get("ino"), "a good copy is kept, not rewritten");
        try (var files = Files.list(nativeDir)) {
            assertEquals(List.of(copy), files.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void a_changed_or_loosened_copy_is_replaced_before_use(@TempDir Path dir) throws Exception {
        Path copy = SqliteLibrary.copyIn(dir).orElseThrow();
        Files.write(copy, new byte[] {1, 2, 3});
        assertEquals(copy, SqliteLibrary.copyIn(dir).orElseThrow());
        assertArrayEquals(jarLibrary(), Files.readAllBytes(copy), "bytes that are not the jar's are never loaded");

        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-rw-rw-"));
        SqliteLibrary.copyIn(dir).orElseThrow();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)),
                "a copy others could have written is made again");

        Path elsewhere = Files.write(dir.resolve("elsewhere.so"), jarLibrary());
        Files.delete(copy);
        Files.createSymbolicLink(copy, elsewhere);
        SqliteLibrary.copyIn(dir).orElseThrow();
        assertTrue(Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS), "a link in its place is replaced by a file");
    }

    @Test
    void a_linked_or_foreign_directory_is_not_used(@TempDir Path dir) throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("native"), real);
        assertTrue(SqliteLibrary.copyIn(link).isEmpty(), "a link could point anywhere");
        try (var files = Files.list(real)) {
            assertEquals(List.of(), files.toList());
        }

        Path foreign = Files.createDirectory(dir.resolve("foreign"));
        UserPrincipal nobody;
        try {
            nobody = foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(foreign, nobody);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("cannot give a directory to another user here (needs root): " + e);
            return;
        }
        assertTrue(SqliteLibrary.copyIn(foreign).isEmpty(), "another user could swap the library before its load");
        try (var files = Files.list(foreign)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void the_users_own_setting_wins(@TempDir Path dir) {
        String path = System.getProperty(SqliteLibrary.PATH_PROPERTY);
        String name = System.getProperty(SqliteLibrary.NAME_PROPERTY);
        System.clearProperty(SqliteLibrary.NAME_PROPERTY);
        System.setProperty(SqliteLibrary.PATH_PROPERTY, dir.resolve("mine").toString());
        try {
            SqliteLibrary.useCopyIn(dir.resolve("native"));
            assertEquals(dir.resolve("mine").toString(), System.getProperty(SqliteLibrary.PATH_PROPERTY));
            assertNull(System.getProperty(SqliteLibrary.NAME_PROPERTY));
            assertTrue(Files.notExists(dir.resolve("native")), "nothing copied when the user chose the library");
        } finally {
            restore(SqliteLibrary.PATH_PROPERTY, path);
            restore(SqliteLibrary.NAME_PROPERTY, name);
        }
    }

    @Test
    void without_a_setting_dynamodb_local_is_pointed_at_the_copy(@TempDir Path dir) throws Exception {
        String path = System.getProperty(SqliteLibrary.PATH_PROPERTY);
        String name = System.getProperty(SqliteLibrary.NAME_PROPERTY);
        System.clearProperty(SqliteLibrary.PATH_PROPERTY);
        System.clearProperty(SqliteLibrary.NAME_PROPERTY);
        try {
            SqliteLibrary.useCopyIn(dir);
            Path copy = Path.of(System.getProperty(SqliteLibrary.PATH_PROPERTY),
                    System.getProperty(SqliteLibrary.NAME_PROPERTY));
            assertEquals(dir, copy.getParent());
            assertArrayEquals(jarLibrary(), Files.readAllBytes(copy));
        } finally {
            restore(SqliteLibrary.PATH_PROPERTY, path);
            restore(SqliteLibrary.NAME_PROPERTY, name);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
