package jp.madoguchi.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What V2 added to the store (call log and history, clerks' roles, booth locations), on both databases. */
class ClerkConsoleStoreTest extends DatabaseTestSupport {
    private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void migrationTwoKeepsTheRowsOfVersionOneAndGivesThemDefaults(DatabaseKind kind) {
        Database database = track(Database.connect(emptyDatabaseUrl(kind), null, null));
        assertEquals(1, database.migrateTo("1"));
        database.write("version 1 rows", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO booths (id, name,"
                    + " certificate_serial, certificate_pem, enrolled_at) VALUES ('booth-old', '北部 1', 'ab', 'pem', 5)")) {
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO clerks (id, username, display_name,"
                    + " password_hash, created_at) VALUES ('clerk-old', 'sato', '佐藤', 'fake-sha256$x', 6)")) {
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO enrolment_codes (code_hash,"
                    + " booth_name, created_by, created_at, expires_at) VALUES (?, '南 1', 'cli', 1, 99)")) {
                insert.setString(1, "a".repeat(64));
                insert.executeUpdate();
            }
            return null;
        });

        assertEquals(2, database.migrate(), "V2 (and V3) apply over V1");
        Booth booth = new Booths(database).findById("booth-old").orElseThrow();
        assertEquals("", booth.location());
        assertEquals("北部 1", booth.name());
        Clerk clerk = new ClerkAccounts(database, new FakePasswordHashing(), java.time.Clock.systemUTC(),
                LockoutPolicy.DEFAULT).findById("clerk-old").orElseThrow();
        assertFalse(clerk.admin());
        assertFalse(clerk.disabled());
        assertEquals("", new EnrolmentCodes(database, java.time.Clock.systemUTC()).find("a".repeat(64))
                .orElseThrow().location());
        assertEquals(0, count(database, "call_log"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void historyFindsADaysCallsAndDecisionsByAnyPartOfTheReference(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        Booths booths = new Booths(database);
        booths.add("booth-1", "北部 1", "北部出張所 1階", BigInteger.ONE, "pem", DAY);
        ClerkAccounts accounts = new ClerkAccounts(database, new FakePasswordHashing(), java.time.Clock.systemUTC(),
                LockoutPolicy.DEFAULT);
        Clerk sato = accounts.create("sato", "佐藤", "password-sato".toCharArray(), true);
        Clerk suzuki = accounts.create("suzuki", "鈴木", "password-suzuki".toCharArray());
        Applications applications = new Applications(database, ReferenceNumbers.datedRandom(java.time.ZoneOffset.UTC));
        String withCall = submit(applications, "k1", DAY.plusSeconds(60));
        String withoutCall = submit(applications, "k2", DAY.plusSeconds(90));
        String yesterday = submit(applications, "k3", DAY.minusSeconds(3600));
        Decisions decisions = new Decisions(database);
        decisions.decide(withCall, ApplicationStatus.ACCEPTED, "交付します", suzuki.id(), DAY.plusSeconds(600));
        decisions.decide(withoutCall, ApplicationStatus.REJECTED, null, sato.id(), DAY.plusSeconds(700));
        decisions.decide(yesterday, ApplicationStatus.ACCEPTED, null, sato.id(), DAY.minusSeconds(60));

        CallLog log = new CallLog(database);
        log.answered(new CallLog.Call("call-a", "booth-1", "juminhyo", "citizens", withCall, true, DAY.plusSeconds(100)),
                sato.id(), DAY.plusSeconds(200));
        log.answered(new CallLog.Call("call-a", "booth-1", "juminhyo", "citizens", withCall, true, DAY.plusSeconds(100)),
                suzuki.id(), DAY.plusSeconds(300)); // logged once
        log.ended(new CallLog.Call("call-b", "booth-gone", "talk", "general", null, false, DAY.plusSeconds(400)), "cancelled");
        log.ended(new CallLog.Call("call-c", "booth-1", "talk", "general", null, false, DAY.minusSeconds(10)), "booth_gone");

        List<CallLog.HistoryRow> day = log.history(DAY, NEXT_DAY, null, 500);
        assertEquals(List.of("-", "call-b", "call-a"), day.stream().map(r -> r.callId() == null ? "-" : r.callId()).toList(),
                "newest first; the decision without a call is in");
        CallLog.HistoryRow answered = day.get(2);
        assertEquals(withCall, answered.reference());
        assertEquals("北部 1", answered.boothName());
        assertEquals("北部出張所 1階", answered.location());
        assertEquals("佐藤", answered.answeredBy());
        assertEquals(DAY.plusSeconds(200), answered.answeredAt());
        assertEquals(ApplicationStatus.ACCEPTED, answered.status());
        assertEquals("鈴木", answered.decidedBy());
        assertEquals("交付します", answered.message());
        CallLog.HistoryRow cancelled = day.get(1);
        assertNull(cancelled.answeredAt());
        assertNull(cancelled.boothName(), "a booth the store does not know");
        CallLog.HistoryRow decisionOnly = day.get(0);
        assertEquals(withoutCall, decisionOnly.reference());
        assertEquals(ApplicationStatus.REJECTED, decisionOnly.status());
        assertEquals("北部 1", decisionOnly.boothName());

        String part = withoutCall.substring(withoutCall.length() - 4).toLowerCase(java.util.Locale.ROOT);
        assertEquals(List.of(withoutCall), log.history(DAY, NEXT_DAY, part, 500).stream()
                .map(CallLog.HistoryRow::reference).toList(), "any part, any case");
        assertEquals(List.of(), log.history(DAY, NEXT_DAY, "%", 500), "a typed % is not a wildcard");
        assertEquals(List.of("call-c", "-"), log.history(DAY.minus(Duration.ofDays(1)), DAY, null, 500).stream()
                .map(r -> r.callId() == null ? "-" : r.callId()).toList());
        assertEquals(1, log.history(DAY, NEXT_DAY, null, 1).size(), "the limit holds");

        assertTrue(log.findAnswered("call-a", DAY).isPresent());
        assertEquals(sato.id(), log.findAnswered("call-a", DAY).orElseThrow().answeredBy());
        assertTrue(log.findAnswered("call-a", DAY.plusSeconds(201)).isEmpty(), "answered too long ago");
        assertTrue(log.findAnswered("call-b", DAY).isEmpty(), "never answered");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aDisabledClerkCannotLogInAndHasNoSessionAndAnUnlockClearsALockout(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        ClerkAccounts accounts = new ClerkAccounts(database, new FakePasswordHashing(), java.time.Clock.systemUTC(),
                LockoutPolicy.DEFAULT);
        ClerkSessions sessions = new ClerkSessions(database);
        Clerk clerk = accounts.create("tanaka", "田中", "password-tanaka".toCharArray());
        String token = sessions.create(clerk.id(), DAY, Duration.ofHours(8));
        assertTrue(sessions.validate(token, DAY).isPresent());

        assertTrue(accounts.setDisabled(clerk.id(), true, DAY));
        assertTrue(sessions.validate(token, DAY).isEmpty(), "a disabled clerk's session stops working at once");
        LoginOutcome refused = accounts.authenticate("tanaka", "password-tanaka".toCharArray(), DAY);
        assertInstanceOf(LoginOutcome.Disabled.class, refused);
        assertEquals(LoginOutcome.CallerView.REFUSED, refused.forCaller());
        assertTrue(accounts.findById(clerk.id()).orElseThrow().disabled());
        assertFalse(accounts.setDisabled("clerk-nobody", true, DAY));

        assertTrue(accounts.setDisabled(clerk.id(), false, DAY));
        assertInstanceOf(LoginOutcome.Ok.class, accounts.authenticate("tanaka", "password-tanaka".toCharArray(), DAY));
        for (int i = 0; i < LockoutPolicy.DEFAULT.maxFailures(); i++) {
            accounts.authenticate("tanaka", "wrong".toCharArray(), DAY);
        }
        assertTrue(accounts.list(DAY).get(0).locked());
        assertTrue(accounts.unlock(clerk.id()));
        assertFalse(accounts.list(DAY).get(0).locked());
        assertInstanceOf(LoginOutcome.Ok.class, accounts.authenticate("tanaka", "password-tanaka".toCharArray(), DAY));

        assertTrue(accounts.setAdmin(clerk.id(), true));
        assertTrue(sessions.validate(token, DAY).orElseThrow().admin(), "the session reads the role fresh");
    }

    private static String submit(Applications applications, String key, Instant at) {
        SubmitResult result = applications.submit(new Submission("booth-1", key + "-0123456789", "juminhyo", "citizens",
                "{}".getBytes(StandardCharsets.UTF_8), new byte[] {48}, "[]"), at);
        return ((SubmitResult.Stored) result).application().reference();
    }
}
