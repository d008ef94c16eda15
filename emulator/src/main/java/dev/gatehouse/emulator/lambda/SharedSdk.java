package dev.gatehouse.emulator.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Which packages of the AWS SDK for Java v2 a code location may take from Gatehouse: those of every jar whose SDK
 * artifacts ({@code META-INF/maven/software.amazon.awssdk/<artifact>/pom.properties}) all have the version Gatehouse
 * carries of the same artifact. The code then runs the same SDK bytes it ships, but loaded, linked and warmed once in
 * the JVM, instead of a second cold copy in its own class loader (several seconds of class loading and interpretation
 * on a busy machine, paid by the function's first call, and twice the metaspace). A jar with any other SDK version
 * keeps its own copy; a package that another, unshared jar of the code also holds stays the code's own; code that does
 * not ship the SDK does not see it.
 */
final class SharedSdk {
    static final String GROUP = "software.amazon.awssdk";
    private static final String POMS = "META-INF/maven/" + GROUP + "/";
    private static final String PACKAGE_PATH = GROUP.replace('.', '/') + "/";

    private SharedSdk() {
    }

    static Set<String> packages(Iterable<Path> classPath, ClassLoader gatehouse) {
        Map<String, String> gatehouseVersions = new HashMap<>();
        Set<String> shared = new HashSet<>();
        Set<String> own = new HashSet<>();
        for (Path entry : classPath) {
            if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry.toFile())) {
                boolean sameSdk = sameVersions(jar, gatehouse, gatehouseVersions);
                for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
                    String name = it.nextElement().getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                        continue;
                    }
                    int slash = name.lastIndexOf('/');
                    String pkg = slash < 0 ? "" : name.substring(0, slash).replace('/', '.');
                    (sameSdk && name.startsWith(PACKAGE_PATH) ? shared : own).add(pkg);
                }
            } catch (IOException e) {
                // not a readable jar: the class loader will say so when it reads it; nothing shared from it
            }
        }
        // a package the code also holds in a folder of classes or an unshared jar stays the code's own
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                shared.removeIf(pkg -> Files.isDirectory(entry.resolve(pkg.replace('.', '/'))));
            }
        }
        shared.removeAll(own);
        return Set.copyOf(shared);
    }

    /** True when the jar holds SDK artifacts and each is the version Gatehouse has of it. */
    private static boolean sameVersions(JarFile jar, ClassLoader gatehouse, Map<String, String> gatehouseVersions)
            throws IOException {
        boolean any = false;
        for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
            JarEntry e = it.nextElement();
            if (!e.getName().startsWith(POMS) || !e.getName().endsWith("/pom.properties")) {
                continue;
            }
            any = true;
            String version;
            try (InputStream in = jar.getInputStream(e)) {
                version = version(in);
            }
            String theirs = gatehouseVersions.computeIfAbsent(e.getName(), name -> gatehouseVersion(gatehouse, name));
            if (version == null || !version.equals(theirs)) {
                return false;
            }
        }
        return any;
    }

    private static String gatehouseVersion(ClassLoader gatehouse, String pomProperties) {
        URL url = gatehouse.getResource(pomProperties);
        if (url == null) {
            return "";
        }
        try (InputStream in = url.openStream()) {
            String version = version(in);
            return version == null ? "" : version;
        } catch (IOException e) {
            return "";
        }
    }

    private static String version(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version");
    }
}
