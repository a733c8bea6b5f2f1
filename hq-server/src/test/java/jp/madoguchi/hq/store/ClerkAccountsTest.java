package jp.madoguchi.hq.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClerkAccountsTest extends DatabaseTestSupport {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final String PASSWORD = "correct horse 馬";

    private final MutableClock clock = new MutableClock(NOW);
    private final FakePasswordHashing hashing = new FakePasswordHashing();

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aClerkIsCreatedWithAHashAndThePasswordArrayIsWiped(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        ClerkAccounts accounts = accounts(database, LockoutPolicy.DEFAULT);
        char[] password = PASSWORD.toCharArray();

        Clerk clerk = accounts.create("Suzuki", "鈴木 一郎", password);

        assertArrayEquals(new char[PASSWORD.length()], password, "wiped");
        assertTrue(clerk.id().matches("clerk-[a-z2-9]{12}"), clerk.id());
        assertEquals("suzuki", clerk.username());
        assertEquals(Optional.of(clerk), accounts.findById(clerk.id()));
        assertEquals(Optional.of(clerk), accounts.findByUsername("ＳＵＺＵＫＩ "), "full-width, upper case, spaces");
        List<String> stored = allValues(database, "clerks");
        assertTrue(stored.stream().noneMatch(value -> value.contains(PASSWORD)), "no plain password stored");
        assertTrue(stored.contains(hashing.hash(PASSWORD.toCharArray())));

        char[] another = "other".toCharArray();
        assertThrows(UsernameTakenException.class, () -> accounts.create("suzuki", "別の鈴木", another));
        assertArrayEquals(new char[5], another, "wiped even when refused");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void fiveWrongPasswordsLockTheAccountForFifteenMinutes(DatabaseKind kind) {
        ClerkAccounts accounts = accounts(freshDatabase(kind), LockoutPolicy.DEFAULT);
        Clerk clerk = accounts.create("suzuki", "鈴木 一郎", PASSWORD.toCharArray());

        for (int attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
            assertEquals(new LoginOutcome.WrongPassword(clerk.id(), attemptsLeft), login(accounts, "wrong", NOW));
        }
        Instant lockedAt = NOW.plusSeconds(10);
        Instant until = lockedAt.plus(Duration.ofMinutes(15));
        assertEquals(new LoginOutcome.Locked(clerk.id(), until), login(accounts, "wrong", lockedAt));
        int verificationsSoFar = hashing.verifications.get();
        assertEquals(new LoginOutcome.Locked(clerk.id(), until), login(accounts, PASSWORD, lockedAt.plusSeconds(60)),
                "the right password does not open a locked account");
        assertEquals(verificationsSoFar, hashing.verifications.get(), "not even checked while locked");
        assertEquals(new LoginOutcome.Locked(clerk.id(), until), login(accounts, PASSWORD, until.minusMillis(1)));

        assertEquals(new LoginOutcome.Ok(clerk), login(accounts, PASSWORD, until));
        assertEquals(new LoginOutcome.WrongPassword(clerk.id(), 4), login(accounts, "wrong", until.plusSeconds(1)),
                "the count starts again after a success");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void afterALockRunsOutTheCountStartsAgainAndASuccessResetsIt(DatabaseKind kind) {
        ClerkAccounts accounts = accounts(freshDatabase(kind), new LockoutPolicy(3, Duration.ofMinutes(1)));
        Clerk clerk = accounts.create("tanaka", "田中 花子", PASSWORD.toCharArray());
        login(accounts, "tanaka", "wrong", NOW);
        login(accounts, "tanaka", "wrong", NOW);
        assertInstanceOf(LoginOutcome.Locked.class, login(accounts, "tanaka", "wrong", NOW));

        Instant later = NOW.plus(Duration.ofMinutes(2));
        assertEquals(new LoginOutcome.WrongPassword(clerk.id(), 2), login(accounts, "tanaka", "wrong", later));
        assertEquals(new LoginOutcome.WrongPassword(clerk.id(), 1), login(accounts, "tanaka", "wrong", later));
        assertEquals(new LoginOutcome.Ok(clerk), login(accounts, "tanaka", PASSWORD, later));
        assertEquals(new LoginOutcome.WrongPassword(clerk.id(), 2), login(accounts, "tanaka", "wrong", later));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void anUnknownUsernameLooksLikeAWrongPasswordToTheCaller(DatabaseKind kind) {
        ClerkAccounts accounts = accounts(freshDatabase(kind), LockoutPolicy.DEFAULT);
        accounts.create("suzuki", "鈴木 一郎", PASSWORD.toCharArray());
        char[] password = PASSWORD.toCharArray();
        int before = hashing.verifications.get();

        LoginOutcome unknown = accounts.authenticate("nobody", password, NOW);
        LoginOutcome wrong = login(accounts, "wrong", NOW);

        assertEquals(new LoginOutcome.Unknown(null), unknown);
        assertInstanceOf(LoginOutcome.WrongPassword.class, wrong);
        assertEquals(LoginOutcome.CallerView.REFUSED, unknown.forCaller());
        assertEquals(unknown.forCaller(), wrong.forCaller());
        assertEquals(before + 2, hashing.verifications.get(), "an unknown username costs a hash check too");
        assertArrayEquals(new char[PASSWORD.length()], password, "wiped");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void anUnknownUsernameIsLockedLikeARealOneSoLockingRevealsNothing(DatabaseKind kind) {
        ClerkAccounts accounts = accounts(freshDatabase(kind), LockoutPolicy.DEFAULT);
        accounts.create("suzuki", "鈴木 一郎", PASSWORD.toCharArray());
        List<LoginOutcome.CallerView> real = new ArrayList<>();
        List<LoginOutcome.CallerView> unknown = new ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            real.add(login(accounts, "suzuki", "wrong", NOW).forCaller());
            unknown.add(login(accounts, "nobody", "wrong", NOW).forCaller());
        }

        assertEquals(real, unknown);
        assertEquals(LoginOutcome.CallerView.LOCKED, unknown.get(4));
        Instant until = NOW.plus(Duration.ofMinutes(15));
        assertEquals(new LoginOutcome.Unknown(until), login(accounts, "nobody", "wrong", until.minusMillis(1)));
        assertEquals(new LoginOutcome.Unknown(null), login(accounts, "nobody", "wrong", until), "lock ran out");
    }

    private static LoginOutcome login(ClerkAccounts accounts, String password, Instant now) {
        return login(accounts, "suzuki", password, now);
    }

    private static LoginOutcome login(ClerkAccounts accounts, String username, String password, Instant now) {
        return accounts.authenticate(username, password.toCharArray(), now);
    }

    private ClerkAccounts accounts(Database database, LockoutPolicy policy) {
        return new ClerkAccounts(database, hashing, clock, policy);
    }
}
