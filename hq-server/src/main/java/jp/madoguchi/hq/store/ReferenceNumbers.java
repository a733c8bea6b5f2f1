package jp.madoguchi.hq.store;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Makes the reference number printed on a resident's receipt. Implementations are thread-safe. */
@FunctionalInterface
public interface ReferenceNumbers {
    String next(Instant now);

    /**
     * {@code 20261123-K7M3Q9}: the local date and six characters from an alphabet without 0/O or
     * 1/I/L, easy to read to a clerk over the phone (31⁶ ≈ 887 million a day; a clash is detected
     * by the primary key and a new number drawn).
     */
    static ReferenceNumbers datedRandom(ZoneId zone) {
        DateTimeFormatter date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(zone);
        char[] alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
        return now -> date.format(now) + "-" + RandomIds.randomChars(6, alphabet);
    }
}
