package dev.gatehouse.emulator.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP sockets this JVM listens on, as Linux reports them: {@code /proc/self/fd} links to {@code socket:[inode]},
 * and {@code /proc/net/tcp} and {@code tcp6} list each socket's local address, state and inode.
 */
final class OwnListeningSockets {
    private static final String LISTEN = "0A";

    private OwnListeningSockets() {
    }

    /** A listening socket: the kernel's hex address and the port. */
    record Listener(String hexAddress, int port) implements Comparable<Listener> {
        /** 127.0.0.1, ::ffff:127.0.0.1 or ::1, in the kernel's byte order. */
        boolean loopback() {
            return hexAddress.equals("0100007F") || hexAddress.equals("0000000000000000FFFF00000100007F")
                    || hexAddress.equals("00000000000000000000000001000000");
        }

        @Override
        public int compareTo(Listener o) {
            return port != o.port ? Integer.compare(port, o.port) : hexAddress.compareTo(o.hexAddress);
        }
    }

    static boolean supported() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.exists(Path.of("/proc/net/tcp"));
    }

    static Set<Listener> now() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        Set<Listener> listeners = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (LISTEN.equals(f[3]) && inodes.contains(f[9])) {
                    listeners.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listeners;
    }
}
