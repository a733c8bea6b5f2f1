package jp.madoguchi.hqlink.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link ProtocolJson} with every message type booths, clerk consoles and headquarters read, and with
 * presence frames (issue 9, docs/decisions/0031-fuzzing.md). Whatever the bytes, reading either returns a message
 * or throws {@link ProtocolException}; a message that was read writes and reads back to the same JSON.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this runs the seeds under {@code ProtocolJsonFuzzTestInputs/} once each.
 */
class ProtocolJsonFuzzTest {
    /** The first input byte picks one of these (modulo the size); the rest is the message. Append only: seeds depend on the order. */
    static final List<Class<?>> MESSAGE_TYPES = List.of(
            EnrolRequest.class, EnrolResponse.class, ErrorResponse.class, Submission.class, SubmissionReceipt.class,
            CallRequest.class, CallTicket.class, ClerkLoginRequest.class, ClerkLoginResponse.class, ClerkQueues.class,
            AnswerNextRequest.class, AnsweredCall.class, DecisionRequest.class, ShowOnBooth.class, ClerkHistory.class,
            EnrolmentCodeRequest.class, EnrolmentCodeResponse.class, BoothList.class, ClerkList.class,
            NewClerkRequest.class, QueueSummary.class, QueuedCall.class, BoothPresence.class, BoothHealth.class,
            HistoryEntry.class, ClerkApplication.class, ClerkAccountView.class, Check.class, PresenceFrame.class);

    @FuzzTest(maxDuration = "30s")
    void messages(@NotNull @WithLength(max = 2048) byte[] input) {
        if (input.length == 0) {
            return;
        }
        Class<?> type = MESSAGE_TYPES.get((input[0] & 0xff) % MESSAGE_TYPES.size());
        byte[] json = Arrays.copyOfRange(input, 1, input.length);
        Object message;
        try {
            message = ProtocolJson.read(json, type);
        } catch (ProtocolException expected) {
            return;
        }
        roundTrips(message, type);
    }

    @FuzzTest(maxDuration = "30s")
    void presenceFrames(@NotNull @WithLength(max = 1024) byte[] input) {
        PresenceFrame frame;
        try {
            frame = ProtocolJson.readFrame(new String(input, StandardCharsets.UTF_8));
        } catch (ProtocolException expected) {
            return;
        }
        roundTrips(frame, PresenceFrame.class);
    }

    private static void roundTrips(Object message, Class<?> type) {
        String written = ProtocolJson.write(message);
        try {
            assertEquals(written, ProtocolJson.write(ProtocolJson.read(written, type)), "written and read back");
        } catch (ProtocolException e) {
            throw new AssertionError("a message that was read does not read back once written: " + e.getMessage(), e);
        }
    }
}
