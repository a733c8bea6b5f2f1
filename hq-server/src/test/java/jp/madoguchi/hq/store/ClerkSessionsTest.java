package jp.madoguchi.hq.store;

import jp.madoguchi.hq.security.Sha256;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClerkSessionsTest extends DatabaseTestSupport {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration TTL = Duration.ofHours(8);

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aSessionIsValidUntilItExpiresOrTheClerkLogsOut(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        Clerk clerk = newClerk(database, "suzuki");
        ClerkSessions sessions = new ClerkSessions(database);

        String token = sessions.create(clerk.id(), NOW, TTL);
        String second = sessions.create(clerk.id(), NOW, TTL);

        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, URL-safe");
        assertNotEquals(token, second);
        assertEquals(Optional.of(clerk), sessions.validate(token, NOW.plus(TTL).minusMillis(1)));
        assertEquals(Optional.empty(), sessions.validate(token, NOW.plus(TTL)), "expired");
        assertEquals(Optional.empty(), sessions.validate("not-a-token", NOW));
        assertEquals(Optional.empty(), sessions.validate(null, NOW));

        assertTrue(sessions.logout(second));
        assertEquals(Optional.empty(), sessions.validate(second, NOW), "logged out");
        assertFalse(sessions.logout(second), "already logged out");

        assertEquals(1, sessions.deleteExpired(NOW.plus(TTL)));
        assertEquals(0, count(database, "clerk_sessions"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void onlyTheTokensHashIsStored(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        Clerk clerk = newClerk(database, "suzuki");
        ClerkSessions sessions = new ClerkSessions(database);

        String token = sessions.create(clerk.id(), NOW, TTL);

        List<String> stored = allValues(database, "clerk_sessions");
        assertTrue(stored.stream().noneMatch(value -> value.contains(token)), "no plain token stored");
        assertTrue(stored.contains(Sha256.hex(token)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void logoutEverywhereEndsOnlyThatClerksSessions(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        Clerk suzuki = newClerk(database, "suzuki");
        Clerk tanaka = newClerk(database, "tanaka");
        ClerkSessions sessions = new ClerkSessions(database);
        String first = sessions.create(suzuki.id(), NOW, TTL);
        String second = sessions.create(suzuki.id(), NOW, TTL);
        String other = sessions.create(tanaka.id(), NOW, TTL);

        assertEquals(2, sessions.logoutEverywhere(suzuki.id()));

        assertEquals(Optional.empty(), sessions.validate(first, NOW));
        assertEquals(Optional.empty(), sessions.validate(second, NOW));
        assertEquals(Optional.of(tanaka), sessions.validate(other, NOW));
    }

    private static Clerk newClerk(Database database, String username) {
        return new ClerkAccounts(database, new FakePasswordHashing(), new MutableClock(NOW), LockoutPolicy.DEFAULT)
                .create(username, username, "password".toCharArray());
    }
}
