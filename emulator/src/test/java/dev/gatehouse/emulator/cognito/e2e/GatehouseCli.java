package dev.gatehouse.emulator.cognito.e2e;

import dev.gatehouse.emulator.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** {@code ./gatehouse ARGS --endpoint URL}, run in this JVM through {@link Main#run}, its output captured. */
final class GatehouseCli {
    record Run(int exit, String out, String err) {
    }

    private GatehouseCli() {
    }

    static synchronized Run run(URI endpoint, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--endpoint";
            all[args.length + 1] = endpoint.toString();
            return new Run(Main.run(all), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
