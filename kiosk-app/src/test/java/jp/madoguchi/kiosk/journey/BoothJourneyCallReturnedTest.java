package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the clerk's console disconnected while holding the call, and headquarters put the call back in the queue
 * ({@code call_returned}, decision 0032). The booth leaves the empty room, says it is with its resident again, shows
 * the resident that they wait again at their place rather than a dead call, and the next clerk's answer joins the
 * new room. A frame for another call, or when no clerk holds this booth's call, changes nothing.
 */
class BoothJourneyCallReturnedTest {
    @TempDir
    Path dir;
    private JourneyHarness booth;

    @BeforeEach
    void openBooth() throws Exception {
        booth = new JourneyHarness(dir);
    }

    @AfterEach
    void closeBooth() {
        booth.close();
    }

    @Test
    void aReturnedCallWaitsAgainAtItsPlaceAndTheNextClerkAnswersIt() {
        booth.inCallToTalk("room-first", "窓口職員");
        booth.hq.clerkShows("こちらをご覧ください", "", "");
        int hangUpsBefore = hangUps();

        booth.hq.returnCall(1);

        JourneyView waiting = booth.await("waiting again", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED)
                .orElse(false));
        JourneyView.CallView call = waiting.call().orElseThrow();
        assertTrue(call.returned(), "the resident is told the call was cut and they keep their place");
        assertEquals(OptionalInt.of(1), call.position());
        assertEquals(Optional.empty(), call.shown(), "what the gone clerk showed goes with them");
        assertEquals(JourneyStep.CALL, waiting.step(), "still on the call screen: no receipt, no session end");
        assertEquals(hangUpsBefore + 1, hangUps(), "the booth left the empty room");
        assertEquals(BoothState.WITH_RESIDENT, last(booth.hq.boothStates()));
        assertTrue(booth.hq.cancelledCalls().isEmpty(), "the call is not cancelled: it waits for the next clerk");

        // the place is kept through queue updates, and the next clerk's answer joins the new room
        booth.hq.queuePosition(1);
        assertTrue(booth.journey.view().call().orElseThrow().returned());
        booth.hq.answerCall("room-second");
        booth.await("connecting again", v -> v.call().map(c -> c.phase() == CallPhase.CONNECTING).orElse(false));
        assertEquals("room-second", lastJoin().request().room());
        assertFalse(booth.journey.view().call().orElseThrow().returned(), "a clerk is answering again");
        booth.video.peerJoins("別の職員");
        booth.await("in the call again", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
        assertEquals(BoothState.IN_CALL, last(booth.hq.boothStates()));
    }

    @Test
    void aReturnedFrameForAnotherCallOrWhileStillWaitingChangesNothing() {
        booth.queuedToTalk();
        booth.hq.returnCall(3);
        assertFalse(booth.journey.view().call().orElseThrow().returned(), "nobody had answered: nothing was cut");

        booth.hq.answerCall("room-1");
        booth.video.peerJoins("窓口職員");
        booth.await("in the call", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
        booth.hq.returnCall("call-someone-else", 1);
        assertEquals(CallPhase.IN_CALL, booth.journey.view().call().orElseThrow().phase(), "another booth's call");
    }

    private int hangUps() {
        return (int) booth.video.commands().stream().filter(c -> c instanceof FakeVideoSession.HangUp).count();
    }

    private FakeVideoSession.Join lastJoin() {
        List<FakeVideoSession.Join> joins = booth.video.commands().stream()
                .filter(c -> c instanceof FakeVideoSession.Join).map(c -> (FakeVideoSession.Join) c).toList();
        return joins.get(joins.size() - 1);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
