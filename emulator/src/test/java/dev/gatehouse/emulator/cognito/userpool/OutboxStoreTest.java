package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.clock.ControlledClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outbox's order, bound and file. */
class OutboxStoreTest {
    @Test
    void messages_are_newest_first_per_address_and_stamped_with_the_controlled_clock() {
        ControlledClock clock = new ControlledClock();
        Outbox outbox = new Outbox(clock, Optional.empty());
        outbox.send("a@example.com", Outbox.Kind.SIGN_UP, "111111");
        outbox.send("b@example.com", Outbox.Kind.SIGN_UP, "222222");
        clock.offset(Duration.ofHours(2));
        Outbox.Message resent = outbox.send("A@example.com", Outbox.Kind.RESEND, "333333");
        assertEquals(List.of("333333", "111111"), outbox.to("a@EXAMPLE.com").stream().map(Outbox.Message::code)
                .toList());
        assertEquals(List.of(Outbox.Kind.RESEND, Outbox.Kind.SIGN_UP), outbox.to("a@example.com").stream()
                .map(Outbox.Message::kind).toList());
        assertEquals(clock.instant().getEpochSecond(), resent.sentAt().getEpochSecond(), 5);
    }

    @Test
    void the_outbox_keeps_the_newest_messages_only() {
        Outbox outbox = new Outbox(new ControlledClock(), Optional.empty());
        for (int i = 0; i < Outbox.MAX_MESSAGES + 10; i++) {
            outbox.send("a@example.com", Outbox.Kind.RESEND, String.format("%06d", i));
        }
        List<Outbox.Message> kept = outbox.to("a@example.com");
        assertEquals(Outbox.MAX_MESSAGES, kept.size());
        assertEquals(String.format("%06d", Outbox.MAX_MESSAGES + 9), kept.get(0).code());
    }

    @Test
    void with_a_data_directory_messages_survive_a_restart(@TempDir Path dir) {
        Outbox first = new Outbox(new ControlledClock(), Optional.of(dir));
        first.send("a@example.com", Outbox.Kind.SIGN_UP, "111111");
        first.send("a@example.com", Outbox.Kind.FORGOT_PASSWORD, "222222");
        Outbox second = new Outbox(new ControlledClock(), Optional.of(dir));
        assertEquals(first.to("a@example.com"), second.to("a@example.com"));
        assertEquals(2, second.to("a@example.com").size());
    }
}
