package jp.madoguchi.kiosk.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.kiosk.store.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResidentSessionTest {
    private static final String NAME = "番号 花子";
    private static final String REFERENCE = "MD-20261123-K7M3Q9";
    /** slf4j-simple writes here in tests (src/test/resources/simplelogger.properties). */
    private static final Path LOG = Path.of("target/kiosk-app-test.log");

    @TempDir
    Path dir;
    private StoreFixture fixture;
    private AuditTrail audit;

    @BeforeEach
    void openStore() {
        fixture = new StoreFixture(dir);
        audit = fixture.store.audit();
    }

    @AfterEach
    void closeStore() {
        fixture.close();
    }

    /** Card data as a reader would hand it over: a holder that drops its fields when wiped. */
    static final class FakeCardData implements Wipeable {
        String name = NAME;
        int wipes;

        @Override
        public void wipe() {
            name = null;
            wipes++;
        }

        @Override
        public String kind() {
            return "card-data";
        }
    }

    /** A wipeable whose wipe fails with the resident's name in its message, as careless code might. */
    static final class ExplodingWipeable implements Wipeable {
        int wipes;

        @Override
        public void wipe() {
            wipes++;
            throw new IllegalStateException("could not clear preview of " + NAME);
        }

        @Override
        public String kind() {
            return "preview";
        }
    }

    private ResidentSession sessionAtQuestions() {
        ResidentSession session = ResidentSession.start(audit);
        session.moveTo(JourneyStep.LANGUAGE);
        session.chooseLanguage("ja");
        session.moveTo(JourneyStep.PROCEDURE);
        session.chooseProcedure("juminhyo");
        session.moveTo(JourneyStep.PLACE_CARD);
        session.moveTo(JourneyStep.PIN);
        session.moveTo(JourneyStep.CONFIRM_IDENTITY);
        session.moveTo(JourneyStep.QUESTIONS);
        return session;
    }

    @Test
    void aNewSessionHasARandomIdAndStartsOnTheAttractScreen() {
        ResidentSession one = ResidentSession.start(audit);
        ResidentSession two = ResidentSession.start(audit);
        assertNotEquals(one.id(), two.id());
        assertTrue(one.id().matches("S-[0-9a-f]{16}"), one.id());
        assertEquals(JourneyStep.ATTRACT, one.step());
        assertTrue(one.language().isEmpty());
        assertTrue(one.procedureId().isEmpty());
        assertTrue(audit.export().get(0).contains("\tSESSION_STARTED\t-\t"));
    }

    @ParameterizedTest
    @EnumSource(EndCause.class)
    void endWipesEveryRegisteredItemOnceWhateverTheCause(EndCause cause) {
        ResidentSession session = sessionAtQuestions();
        SecretChars pin = session.register(new SecretChars("pin", 4));
        for (char c : "1234".toCharArray()) {
            pin.append(c);
        }
        SecretChars password = session.register(new SecretChars("signature-password", 16));
        password.append('A');
        FakeCardData card = session.register(new FakeCardData());
        AtomicInteger answersWiped = new AtomicInteger();
        Wipeable answers = session.register(answersWiped::incrementAndGet);
        session.register(card); // a second registration of the same object is still one wipe
        assertEquals(4, session.registeredCount());

        SessionEnd end = session.end(cause);

        assertTrue(pin.isWiped());
        assertTrue(password.isWiped());
        assertEquals(null, card.name);
        assertEquals(1, card.wipes);
        assertEquals(1, answersWiped.get());
        assertEquals(new SessionEnd(session.id(), cause, JourneyStep.QUESTIONS, 4, 0), end);
        assertEquals(JourneyStep.ATTRACT, session.step());
        assertTrue(session.language().isEmpty());
        assertTrue(session.procedureId().isEmpty());
        assertTrue(session.isEnded());
        assertEquals(0, session.registeredCount());
        assertNotEquals(null, answers);
    }

    @Test
    void aFailingWipeDoesNotStopTheOthersAndItsLogLineCarriesNoPersonalData() throws Exception {
        ResidentSession session = sessionAtQuestions();
        FakeCardData before = session.register(new FakeCardData());
        ExplodingWipeable exploding = session.register(new ExplodingWipeable());
        FakeCardData after = session.register(new FakeCardData());
        SecretChars pin = session.register(new SecretChars("pin", 4));
        pin.append('9');

        SessionEnd end = session.end(EndCause.CARD_REMOVED);

        assertEquals(1, before.wipes);
        assertEquals(1, exploding.wipes);
        assertEquals(1, after.wipes);
        assertTrue(pin.isWiped());
        assertEquals(4, end.wiped());
        assertEquals(1, end.wipeFailures());

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("wipe failed: session=" + session.id() + " kind=preview"),
                "the failure is logged (scanner sanity check)");
        assertFalse(log.contains(NAME), "the log must not contain the resident's name");
        assertFalse(log.contains("花子"), "the log must not contain the resident's name");
    }

    @Test
    void theAuditTrailRecordsTheEndAndTheWipeWithoutPersonalData() {
        ResidentSession session = sessionAtQuestions();
        session.register(new FakeCardData());
        session.register(new ExplodingWipeable());
        long before = audit.size();

        session.end(EndCause.CANCELLED);

        List<String> export = audit.export();
        assertEquals(before + 2, audit.size());
        String ended = export.get(export.size() - 3);
        String wiped = export.get(export.size() - 2);
        assertTrue(ended.contains("\tSESSION_ENDED\t-\t"), ended);
        assertTrue(wiped.contains("\tSESSION_WIPED\t-\t"), wiped);
        assertTrue(audit.verify().ok());
        for (String line : export) {
            assertFalse(line.contains(NAME), line);
            assertFalse(line.contains("花子"), line);
        }
    }

    @Test
    void anIssuedReferenceNumberIsTheOnlyDetailTheAuditTrailGets() {
        ResidentSession session = sessionAtQuestions();
        assertThrows(IllegalArgumentException.class, () -> session.issueReference(NAME));
        session.moveTo(JourneyStep.REVIEW);
        session.moveTo(JourneyStep.SIGNATURE);
        session.issueReference(REFERENCE);
        assertEquals(REFERENCE, session.reference().orElseThrow());
        session.moveTo(JourneyStep.CALL);
        session.moveTo(JourneyStep.RECEIPT);
        session.moveTo(JourneyStep.TAKE_CARD);

        session.end(EndCause.COMPLETED);

        List<String> export = audit.export();
        assertTrue(export.get(export.size() - 3).contains("\tSESSION_ENDED\t" + REFERENCE + "\t"));
        assertTrue(export.get(export.size() - 2).contains("\tSESSION_WIPED\t" + REFERENCE + "\t"));
        assertTrue(session.reference().isEmpty(), "the session forgets it too");
    }

    @Test
    void theOutboxIsNotTouchedByTheWipe() {
        byte[] signed = ("{\"name\":\"" + NAME + "\"}").getBytes(StandardCharsets.UTF_8);
        fixture.store.outbox().enqueue(REFERENCE, "idem-0123456789", signed);
        ResidentSession session = sessionAtQuestions();
        session.issueReference(REFERENCE);
        session.register(new FakeCardData());

        session.end(EndCause.COMPLETED);

        assertEquals(1, fixture.store.outbox().size());
        assertArrayEquals(signed, fixture.store.outbox().pending().get(0).payload());
    }

    @Test
    void listenersAreToldOfTheEndAndTheReturnToTheAttractScreenAndOneFailingListenerDoesNotStopTheOthers()
            throws Exception {
        ResidentSession session = sessionAtQuestions();
        List<String> heard = new ArrayList<>();
        session.addListener(new SessionListener() {
            @Override
            public void sessionEnded(ResidentSession s, SessionEnd end) {
                throw new IllegalStateException("listener broke while showing " + NAME);
            }
        });
        session.addListener(new SessionListener() {
            @Override
            public void stepChanged(ResidentSession s, JourneyStep from, JourneyStep to) {
                heard.add(from + "->" + to);
            }

            @Override
            public void sessionEnded(ResidentSession s, SessionEnd end) {
                heard.add("ended " + end.cause() + " at " + end.endedAt() + " step now " + s.step());
            }
        });
        session.moveTo(JourneyStep.REVIEW);
        session.back();

        session.end(EndCause.INACTIVITY);

        assertEquals(List.of("QUESTIONS->REVIEW", "REVIEW->QUESTIONS", "QUESTIONS->ATTRACT",
                "ended INACTIVITY at QUESTIONS step now ATTRACT"), heard);
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("a session listener failed on the end: id=" + session.id()), "scanner sanity check");
        assertFalse(log.contains("花子"), "the failing listener's message is not logged");
    }

    @Test
    void theAuditRowsGoThroughTheInjectedExecutorAfterTheWipe() {
        List<Runnable> queued = new ArrayList<>();
        ResidentSession session = ResidentSession.start(audit, queued::add);
        FakeCardData card = session.register(new FakeCardData());
        long rows = audit.size();

        session.end(EndCause.CANCELLED);

        assertEquals(1, card.wipes, "the wipe does not wait for the audit writer");
        assertEquals(rows, audit.size(), "nothing written on the caller's thread");
        assertEquals(3, queued.size(), "SESSION_STARTED, SESSION_ENDED, SESSION_WIPED");
        queued.forEach(Runnable::run);
        List<String> export = audit.export();
        assertTrue(export.get(export.size() - 4).contains("\tSESSION_STARTED\t"));
        assertTrue(export.get(export.size() - 3).contains("\tSESSION_ENDED\t"));
        assertTrue(export.get(export.size() - 2).contains("\tSESSION_WIPED\t"));
    }

    @Test
    void aFailingAuditTrailDoesNotStopTheWipe(@TempDir Path otherDir) {
        StoreFixture closing = new StoreFixture(otherDir);
        ResidentSession session = ResidentSession.start(closing.store.audit());
        FakeCardData card = session.register(new FakeCardData());
        List<SessionEnd> ends = new ArrayList<>();
        session.addListener(new SessionListener() {
            @Override
            public void sessionEnded(ResidentSession s, SessionEnd end) {
                ends.add(end);
            }
        });
        closing.close(); // every append now throws

        session.end(EndCause.MAINTENANCE);

        assertEquals(1, card.wipes);
        assertEquals(1, ends.size());
        assertTrue(session.isEnded());
    }

    @Test
    void returningToTheCardGoesBackToPlaceCardFromThePinToTheSignatureOnlyAndKeepsTheSession() {
        ResidentSession session = sessionAtQuestions();
        AtomicInteger wiped = new AtomicInteger();
        session.register(wiped::incrementAndGet);
        List<JourneyStep> moves = new java.util.ArrayList<>();
        session.addListener(new SessionListener() {
            @Override
            public void stepChanged(ResidentSession s, JourneyStep from, JourneyStep to) {
                moves.add(to);
            }
        });
        assertTrue(session.returnToCard());
        assertEquals(JourneyStep.PLACE_CARD, session.step());
        assertEquals(List.of(JourneyStep.PLACE_CARD), moves);
        assertEquals(0, wiped.get(), "not an end: nothing registered is wiped");
        assertFalse(session.isEnded());
        assertTrue(session.language().isPresent() && session.procedureId().isPresent(), "language and procedure kept");
        assertFalse(session.returnToCard(), "already at the card");
        for (JourneyStep step : List.of(JourneyStep.PIN, JourneyStep.CONFIRM_IDENTITY, JourneyStep.QUESTIONS,
                JourneyStep.REVIEW, JourneyStep.SIGNATURE)) {
            while (session.step() != step) {
                session.moveTo(session.step().forwardMoves().stream().filter(s -> s.compareTo(JourneyStep.CALL) < 0)
                        .findFirst().orElseThrow());
            }
            assertTrue(session.returnToCard(), "from " + step);
            assertEquals(JourneyStep.PLACE_CARD, session.step());
        }
        session.moveTo(JourneyStep.PIN);
        session.moveTo(JourneyStep.CALL);
        assertFalse(session.returnToCard(), "after signing (or at the call) the card is not needed again");
        assertEquals(JourneyStep.CALL, session.step());
        session.end(EndCause.CANCELLED);
        assertThrows(SessionEndedException.class, session::returnToCard);
    }

    @Test
    void anEndedSessionRefusesEveryUse() {
        ResidentSession session = sessionAtQuestions();
        session.end(EndCause.CANCELLED);
        long auditRows = audit.size();

        assertThrows(SessionEndedException.class, () -> session.moveTo(JourneyStep.LANGUAGE));
        assertThrows(SessionEndedException.class, session::back);
        assertThrows(SessionEndedException.class, () -> session.chooseLanguage("en"));
        assertThrows(SessionEndedException.class, () -> session.chooseProcedure("inkan"));
        assertThrows(SessionEndedException.class, () -> session.issueReference(REFERENCE));
        assertThrows(SessionEndedException.class, () -> session.end(EndCause.CARD_REMOVED));
        assertEquals(auditRows, audit.size(), "a refused second end writes nothing");
        assertEquals(JourneyStep.ATTRACT, session.step());
    }

    @Test
    void somethingRegisteredAfterTheEndIsWipedAtOnceAndRefused() {
        ResidentSession session = sessionAtQuestions();
        session.end(EndCause.CARD_REMOVED);
        FakeCardData late = new FakeCardData();

        assertThrows(SessionEndedException.class, () -> session.register(late));

        assertEquals(1, late.wipes);
        assertEquals(null, late.name);
    }

    @Test
    void nothingIsWipedTwiceAcrossRacingEnds() throws Exception {
        ResidentSession session = sessionAtQuestions();
        FakeCardData card = session.register(new FakeCardData());
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (EndCause cause : EndCause.values()) {
            Thread thread = new Thread(() -> {
                try {
                    session.end(cause);
                } catch (SessionEndedException e) {
                    refused.incrementAndGet();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, card.wipes);
        assertEquals(EndCause.values().length - 1, refused.get());
    }

    @Test
    void aSecretShowsOnlyItsLength() {
        SecretChars pin = new SecretChars("pin", 4);
        pin.append('1');
        pin.append('2');
        pin.deleteLast();
        assertEquals("pin[1 characters]", pin.toString());
        char[] copy = pin.copy();
        assertArrayEquals(new char[] {'1'}, copy);
        pin.append('3');
        pin.append('4');
        pin.append('5');
        assertThrows(IllegalStateException.class, () -> pin.append('6'));
        pin.wipe();
        assertTrue(pin.isWiped());
    }
}
