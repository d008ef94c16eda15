package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.store.JsonFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Every message the user pool would have sent (Gatehouse sends no email): kept in memory, newest last, at most
 * {@link #MAX_MESSAGES}, and with a data directory also in {@code cognito/outbox.json}. Each one is also logged at INFO
 * as {@code Confirmation code for <email>: 123456 (<KIND>)}. Read through {@code GET /_gatehouse/messages?to=EMAIL},
 * {@code ./gatehouse messages EMAIL} or {@link UserPool#messagesTo(String)}.
 */
public final class Outbox {
    /** Why a message was sent: the operation that sent it. */
    public enum Kind { SIGN_UP, RESEND, FORGOT_PASSWORD, VERIFY_ATTRIBUTE, ADMIN_RESET }

    /** One message, as {@code GET /_gatehouse/messages} shows it. */
    public record Message(String to, Kind kind, String code, Instant sentAt) {
        @Override
        public String toString() {
            return "Message[" + kind + " to " + to + " at " + sentAt + "]";
        }
    }

    static final int MAX_MESSAGES = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Clock clock;
    private final JsonFile file;
    private final Deque<Message> messages = new ArrayDeque<>();

    Outbox(Clock clock, Optional<Path> dataDir) {
        this.clock = clock;
        this.file = dataDir.map(d -> new JsonFile(d.resolve("cognito").resolve("outbox.json"))).orElse(null);
        if (file != null) {
            file.<List<Message>>read(JsonFile.MAPPER.getTypeFactory().constructCollectionType(List.class, Message.class))
                    .ifPresent(messages::addAll);
        }
    }

    /** Keeps (and logs) a message to {@code to}; returns it. */
    synchronized Message send(String to, Kind kind, String code) {
        Message m = new Message(to, kind, code, clock.instant());
        LOG.info("Confirmation code for {}: {} ({})", to, code, kind);
        messages.addLast(m);
        while (messages.size() > MAX_MESSAGES) {
            messages.removeFirst();
        }
        if (file != null) {
            file.write(new ArrayList<>(messages));
        }
        return m;
    }

    /** The messages to an address (any case), newest first. */
    public synchronized List<Message> to(String address) {
        String key = UserStore.emailKey(address);
        List<Message> out = new ArrayList<>();
        for (Iterator<Message> it = messages.descendingIterator(); it.hasNext(); ) {
            Message m = it.next();
            if (UserStore.emailKey(m.to()).equals(key)) {
                out.add(m);
            }
        }
        return out;
    }
}
