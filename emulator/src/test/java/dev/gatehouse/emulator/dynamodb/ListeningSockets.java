package dev.gatehouse.emulator.dynamodb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The listening TCP sockets of this machine as the Linux kernel reports them in /proc/net/tcp and /proc/net/tcp6. */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Local addresses (kernel hex, e.g. {@code 0100007F}) of the sockets listening on the given port. */
    static List<String> addressesListeningOn(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            // one read: the table changes between two reads while other servers open and close sockets (reading it
            // twice for the sub-list's bounds threw IndexOutOfBounds when the second read had fewer lines)
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (LISTEN.equals(fields[3]) && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /** 127.0.0.1 (v4), ::ffff:127.0.0.1 (v4-mapped) or ::1, in the kernel's byte order. */
    static boolean isLoopback(String hexAddress) {
        return hexAddress.equals("0100007F")
                || hexAddress.equals("0000000000000000FFFF00000100007F")
                || hexAddress.equals("00000000000000000000000001000000");
    }
}
