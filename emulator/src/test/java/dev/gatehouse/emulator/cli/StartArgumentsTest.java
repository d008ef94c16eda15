package dev.gatehouse.emulator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The plain {@code start} command lines read without picocli give the command picocli gives; the rest go to it. */
class StartArgumentsTest {

    static Stream<List<String>> plainStarts() {
        return Stream.of(
                List.of("start"),
                List.of("start", "--port", "8421"),
                List.of("start", "--port", "0", "--key-pool", "/tmp/keys"),
                List.of("start", "--port", "08751", "--no-key-pool"),
                List.of("start", "--port", "99999"),
                List.of("start", "--stop-when-ready", "--port", "0"),
                List.of("start", "--config", "my config.json", "--users", "users.json", "--data-dir", "data"),
                List.of("start", "--template", "template.yaml", "--imports", "imports.json"),
                List.of("start", "--dynamodb-endpoint", "http://127.0.0.1:8000", "--host", "0.0.0.0"),
                List.of("start", "--host", "::1", "--key-pool", "relative/keys", "--port", "1"));
    }

    @ParameterizedTest
    @MethodSource("plainStarts")
    void a_plain_start_is_the_command_picocli_reads(List<String> args) throws Exception {
        StartCommand fast = StartArguments.parse(args.toArray(String[]::new));
        assertNotNull(fast, "left to picocli: " + args);
        assertEquals(fields(picocli(args)), fields(fast), String.join(" ", args));
    }

    static Stream<List<String>> forPicocli() {
        return Stream.of(
                List.of(),
                List.of("--help"),
                List.of("credentials", "alice@example.com"),
                List.of("start", "--help"),
                List.of("start", "-h"),
                List.of("start", "--version"),
                List.of("start", "--port=8421"),
                List.of("start", "--port"),
                List.of("start", "--port", "-1"),
                List.of("start", "--port", "+1"),
                List.of("start", "--port", "123456"),
                List.of("start", "--port", "eighty"),
                List.of("start", "--port", "1", "--port", "2"),
                List.of("start", "--no-key-pool", "--no-key-pool"),
                List.of("start", "--config", "--port", "1"),
                List.of("start", "--config", ""),
                List.of("start", "--config", "@args.txt"),
                List.of("start", "@args.txt"),
                List.of("start", "--"),
                List.of("start", "extra"),
                List.of("start", "--PORT", "1"),
                List.of("start", "--parameter-overrides", "Stage=dev"),
                List.of("start", "--dynamodb-endpoint", "http://a b"),
                List.of("start", "--data-dir", "a\0b"));
    }

    @ParameterizedTest
    @MethodSource("forPicocli")
    void anything_else_is_left_to_picocli(List<String> args) {
        assertNull(StartArguments.parse(args.toArray(String[]::new)), String.join(" ", args));
    }

    /** Every option of start, present or future: read as picocli reads it, or left to picocli. */
    @Test
    void each_option_of_start_is_read_as_picocli_reads_it_or_left_to_it() throws Exception {
        for (Field f : StartCommand.class.getDeclaredFields()) {
            CommandLine.Option option = f.getAnnotation(CommandLine.Option.class);
            if (option == null) {
                continue;
            }
            for (String name : option.names()) {
                List<String> args = new ArrayList<>(List.of("start", name));
                Class<?> type = f.getType();
                if (type == int.class) {
                    args.add("8421");
                } else if (type == java.net.URI.class) {
                    args.add("http://127.0.0.1:8000");
                } else if (type == List.class) {
                    args.add("Stage=dev");
                } else if (type != boolean.class) {
                    args.add("value");
                }
                StartCommand fast = StartArguments.parse(args.toArray(String[]::new));
                if (fast != null) {
                    assertEquals(fields(picocli(args)), fields(fast), String.join(" ", args));
                }
            }
        }
    }

    private static StartCommand picocli(List<String> args) {
        CommandLine.ParseResult result = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
        return (StartCommand) result.subcommand().commandSpec().userObject();
    }

    /** Every option field's value, by name. */
    private static List<String> fields(StartCommand command) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : StartCommand.class.getDeclaredFields()) {
            if (f.getAnnotation(CommandLine.Option.class) != null) {
                f.setAccessible(true);
                Object v = f.get(command);
                out.add(f.getName() + "=" + (v instanceof Object[] a ? Arrays.toString(a) : v));
            }
        }
        return out;
    }
}
