package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogScrubberTest {
    private final LogScrubber scrubber = new LogScrubber(List.of("山田 花子", "x"));

    private String scrub(String line) {
        return scrubber.scrub(line);
    }

    @Test
    void longDigitRunsAndTheIndividualNumberShapeAreMasked() {
        assertEquals("n=[number] m=[number] k=[number]", scrub("n=123456789012 m=1234-5678-9012 k=１２３４５６７８"));
        assertEquals("port 8443 pid 1234567 ok", scrub("port 8443 pid 1234567 ok"));
    }

    @Test
    void datesAnywhereButTheLeadingTimestampAreMasked() {
        assertEquals("2026-11-23T09:00:00.123Z x [date] [date] [date] [date]",
                scrub("2026-11-23T09:00:00.123Z x 1958-04-01 1958/4/1 昭和33年4月1日 S33.04.01"));
    }

    @Test
    void addressShapesAreMasked() {
        assertEquals("at [address] ok", scrub("at 東京都千代田区霞が関1-2-3 ok"));
        assertEquals("[address]の", scrub("3丁目4番5号の"));
    }

    @Test
    void referencesAndDenylistedStringsBehave() {
        assertEquals("ref MD-20261123-K7M3Q9 hq 20261123-ABC123 by [redacted]",
                scrub("ref MD-20261123-K7M3Q9 hq 20261123-ABC123 by 山田 花子"));
        // one-letter denylist entries would mask everything: they are ignored
        assertEquals("box", scrub("box"));
    }
}
