package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** X-Amz-Date's basic ISO 8601 form: exactly yyyyMMdd'T'HHmmss'Z', a real UTC time, or nothing. */
class AmzDateTest {

    @Test
    void midnight_and_the_first_second_of_a_minute_are_times() {
        assertEquals(Instant.parse("2026-03-14T00:00:00Z"), AmzDate.parseBasic("20260314T000000Z"));
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), AmzDate.parseBasic("20260314T100000Z"));
        assertEquals(Instant.parse("2026-03-14T10:05:00Z"), AmzDate.parseBasic("20260314T100500Z"));
    }

    @Test
    void anything_but_digits_in_a_field_is_not_a_date() {
        assertNull(AmzDate.parseBasic("2026031XT150926Z"));
        assertNull(AmzDate.parseBasic("20260314T15092aZ"));
        assertNull(AmzDate.parseBasic("20261314T150926Z"), "month 13");
        assertNull(AmzDate.parseBasic("20260314T150926"));
    }

    @Test
    void formats_back_to_the_same_text() {
        assertEquals("20260314T000509Z", AmzDate.format(Instant.parse("2026-03-14T00:05:09Z")));
    }
}
