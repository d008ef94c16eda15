package dev.gatehouse.emulator.lambda;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where a function's Java code is, and the isolated class loader that loads it: the handler and its dependencies come
 * from the user's build, never from Gatehouse's classpath; only the Lambda Java core API
 * ({@code com.amazonaws.services.lambda.runtime.Context}, {@code RequestHandler}, ...) is shared, as the Lambda runtime
 * provides it, and the AWS SDK for Java v2 when the code ships the very version Gatehouse runs (see
 * {@link SharedSdk}: the same bytes, loaded and warmed once instead of cold in every code location). Accepted:
 * <ul>
 *   <li>a jar (a plain jar, or a shaded jar with its dependencies inside);</li>
 *   <li>a Maven module folder (it has a {@code pom.xml}): its {@code target/classes} plus its runtime classpath, read
 *       from {@code target/gatehouse.classpath} (which the module's build may write, and keeps current), else written
 *       there by
 *       {@code mvnw -q dependency:build-classpath -Dmdep.includeScope=runtime
 *       -Dmdep.outputFile=target/gatehouse.classpath} (the wrapper found in the folder or above it, else
 *       {@code mvn});</li>
 *   <li>a folder of classes (as {@code sam build} leaves it), with the jars of its {@code lib/} folder.</li>
 * </ul>
 */
public final class CodeLocation {
    public static final String CLASSPATH_FILE = "target/gatehouse.classpath";
    private static final String SHARED = "com.amazonaws.services.lambda.runtime.";

    private CodeLocation() {
    }

    /** The class path entries of a code location. */
    public static List<Path> classPath(Path codeUri) {
        if (Files.isRegularFile(codeUri)) {
            String name = codeUri.getFileName().toString();
            if (!name.endsWith(".jar")) {
                throw new IllegalArgumentException(codeUri + ": expected a jar, a Maven module folder or a folder of "
                        + "classes (a zip file is not read: unzip it and name the folder)");
            }
            return List.of(codeUri);
        }
        if (!Files.isDirectory(codeUri)) {
            throw new IllegalArgumentException(codeUri + ": no such jar or folder");
        }
        List<Path> entries = new ArrayList<>();
        if (Files.isRegularFile(codeUri.resolve("pom.xml"))) {
            Path classes = codeUri.resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalArgumentException(codeUri + ": a Maven module without target/classes: build it "
                        + "first (./mvnw -f " + codeUri.resolve("pom.xml") + " package)");
            }
            entries.add(classes);
            entries.addAll(mavenClassPath(codeUri));
            return entries;
        }
        entries.add(codeUri);
        Path lib = codeUri.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
            } catch (IOException e) {
                throw new IllegalArgumentException(lib + ": cannot list: " + e.getMessage());
            }
        }
        return entries;
    }

    /** A class loader of the code alone, sharing only the Lambda core API with Gatehouse. */
    public static URLClassLoader classLoader(Path codeUri, ClassLoader gatehouse) {
        List<Path> entries = classPath(codeUri);
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(entries.get(i) + ": " + e.getMessage());
            }
        }
        return new URLClassLoader("code:" + codeUri.getFileName(), urls,
                new LambdaCoreOnly(gatehouse, SharedSdk.packages(entries, gatehouse)));
    }

    private static List<Path> mavenClassPath(Path module) {
        Path file = module.resolve(CLASSPATH_FILE);
        try {
            if (!Files.isRegularFile(file)) {
                resolveWithMaven(module, file);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            List<Path> out = new ArrayList<>();
            if (!text.isEmpty()) {
                for (String entry : text.split(java.io.File.pathSeparator)) {
                    out.add(Path.of(entry.trim()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static void resolveWithMaven(Path module, Path file) {
        Path wrapper = null;
        for (Path dir = module.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("mvnw"))) {
                wrapper = dir.resolve("mvnw");
                break;
            }
        }
        List<String> command = new ArrayList<>(List.of(wrapper == null ? "mvn" : wrapper.toString(), "-q", "-B",
                "-f", module.resolve("pom.xml").toString(), "dependency:build-classpath",
                "-Dmdep.includeScope=runtime", "-Dmdep.outputFile=" + file.toAbsolutePath()));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
                p.destroyForcibly();
                throw new IllegalArgumentException(module + ": could not resolve its runtime classpath; run "
                        + String.join(" ", command) + " to see why");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(module + ": could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving " + module, e);
        }
    }

    /**
     * The JDK, plus the Lambda core API from Gatehouse (so its {@code Context} is the handler's), plus the packages of
     * the AWS SDK that the code ships in Gatehouse's own version.
     */
    private static final class LambdaCoreOnly extends ClassLoader {
        private final ClassLoader gatehouse;
        private final java.util.Set<String> sdkPackages;

        LambdaCoreOnly(ClassLoader gatehouse, java.util.Set<String> sdkPackages) {
            super("lambda-core", ClassLoader.getPlatformClassLoader());
            this.gatehouse = gatehouse;
            this.sdkPackages = sdkPackages;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(SHARED) && name.indexOf('.', SHARED.length()) < 0
                    || name.startsWith(SHARED + "logging.")) {
                return gatehouse.loadClass(name);
            }
            int dot = name.lastIndexOf('.');
            if (dot > 0 && sdkPackages.contains(name.substring(0, dot))) {
                return gatehouse.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
