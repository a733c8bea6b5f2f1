package jp.madoguchi.kiosk.journey;

import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One immutable snapshot of everything the booth's screens show. Texts that come from data (procedure
 * titles, questions, choices) are already in the session's language; texts of the booth itself are
 * message keys of {@code jp/madoguchi/kiosk/messages*.properties} resolved by the view.
 *
 * @param step the screen to show
 * @param language the resident's language; empty on the attract and language screens before a choice
 *        (the view then uses the booth's default language)
 * @param procedures the procedure menu, in the catalogue's order
 * @param procedure the chosen procedure; empty for "just talk to a clerk" and before a choice
 * @param card what the "place your card" screen says
 * @param secret the PIN pad or signature keyboard screen (tries left, warnings, blocked), on PIN and SIGNATURE
 * @param identity the basic 4 info for "Is this you?" (from CONFIRM_IDENTITY until the session ends)
 * @param usualAnswers on QUESTIONS when {@code question} is empty: the defaults to accept with one touch
 * @param question on QUESTIONS: the question on screen
 * @param review on REVIEW (and SIGNATURE, for a small copy): the filled form as it will print; also on CALL when
 *        the signed application needs a clerk's check (外字, known only from the signature certificate)
 * @param call on CALL
 * @param receipt on RECEIPT and TAKE_CARD
 * @param link headquarters reachable or not, and signed applications waiting in the outbox
 * @param countdownSeconds the inactivity warning's seconds left, when the warning is up
 * @param busyKey a message key while work runs that the resident waits for ("reading your card…",
 *        "signing…"); the view shows a spinner and disables the buttons
 * @param problemKey a message key for a problem to show on the current screen (card unreadable,
 *        headquarters down…); empty when all is well
 * @param lastEnd how the previous session ended, shown briefly on the attract screen ("your session
 *        ended because…"); empty after a completed journey
 * @param cueKey an audio cue to play for this change (see {@link AudioCue}); empty for none
 */
public record JourneyView(
        JourneyStep step,
        Optional<BoothLanguage> language,
        List<ProcedureView> procedures,
        Optional<ProcedureView> procedure,
        CardPrompt card,
        Optional<PinScreen> secret,
        Optional<IdentityView> identity,
        List<AnswerView> usualAnswers,
        Optional<QuestionView> question,
        Optional<ReviewView> review,
        Optional<CallView> call,
        Optional<ReceiptView> receipt,
        LinkView link,
        OptionalInt countdownSeconds,
        Optional<String> busyKey,
        Optional<String> problemKey,
        Optional<EndCause> lastEnd,
        Optional<AudioCue> cue) {

    public JourneyView {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(link, "link");
        procedures = List.copyOf(procedures);
        usualAnswers = List.copyOf(usualAnswers);
    }

    /** The attract screen with nothing in progress. */
    public static JourneyView attract(List<ProcedureView> procedures, LinkView link, Optional<EndCause> lastEnd) {
        return new JourneyView(JourneyStep.ATTRACT, Optional.empty(), procedures, Optional.empty(),
                CardPrompt.WAITING_FOR_CARD, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), link, OptionalInt.empty(), Optional.empty(),
                Optional.empty(), lastEnd, Optional.empty());
    }

    /** A procedure on the menu. {@code needsCard} is false for procedures a clerk handles without the card. */
    public record ProcedureView(String id, String title, String department, boolean needsCard) {
    }

    /**
     * "Is this you?": the card's basic 4 info as the resident reads it. {@code birthDate} is formatted for
     * the session's language (和暦 and 西暦 in Japanese). {@code needsClerkCheck} when the card marks
     * substituted characters (外字) in the name or address.
     */
    public record IdentityView(String name, String address, String birthDate, String sexKey,
                               boolean needsClerkCheck) {
        @Override
        public String toString() {
            return "IdentityView[***]";
        }
    }

    /** One default answer on the "usual answers" screen: the question and the answer, both in the session's language. */
    public record AnswerView(String questionId, String prompt, String answer) {
    }

    /**
     * A question on its own screen.
     *
     * @param number 1-based position among the questions that apply
     * @param count how many questions apply (may change with the answers)
     * @param currentValue the value already chosen (after back), or the default
     */
    public record QuestionView(String id, String prompt, Kind kind, List<ChoiceView> choices, int min, int max,
                               Optional<String> currentValue, int number, int count) {
        public enum Kind { CHOICE, NUMBER }

        public QuestionView {
            choices = List.copyOf(choices);
        }
    }

    public record ChoiceView(String value, String label) {
    }

    /**
     * The filled form as it will print: the forms module's PNG preview, with the resident's data
     * highlighted, and the fields a clerk must check (外字), each with the message key that explains it.
     */
    public record ReviewView(byte[] previewPng, int widthPx, int heightPx, List<FieldView> fields,
                             List<String> clerkCheckFieldIds) {
        public ReviewView {
            fields = List.copyOf(fields);
            clerkCheckFieldIds = List.copyOf(clerkCheckFieldIds);
        }

        @Override
        public String toString() {
            return "ReviewView[" + widthPx + "x" + heightPx + ", fields=" + fields.size() + "]";
        }
    }

    /**
     * A filled field and where it came from, in the form definitions' notation ({@code card.name}, {@code answer.copies},
     * {@code computed.feeTotal}, {@code booth.id}, or {@code text}), for highlighting the resident's data and reading aloud.
     */
    public record FieldView(String id, String label, String value, String source, boolean needsClerkCheck) {
        @Override
        public String toString() {
            return "FieldView[" + id + ", " + source + "]";
        }
    }

    public enum CallPhase {
        /** Sending the application and asking headquarters for a clerk. */
        REQUESTING,
        /** In the queue: position and expected wait known. */
        QUEUED,
        /** A clerk answered; the video is joining (or knocking in the lobby). */
        CONNECTING,
        IN_CALL,
        /** The call ended; the decision (if any) stays on screen until the resident goes on. */
        ENDED,
        /** Headquarters cannot be reached: the application is safe in the outbox; no call now. */
        UNAVAILABLE
    }

    /**
     * @param reference headquarters' reference once it has the application (empty for "just talk to a clerk")
     * @param decision the clerk's decision once it arrives
     * @param shown what the clerk shows beside the video, while the clerk's call is on (CONNECTING, IN_CALL)
     * @param returned QUEUED again because the clerk who answered went away (headquarters' {@code call_returned}):
     *     the resident is told the call was cut and another clerk will answer, keeping their place
     */
    public record CallView(CallPhase phase, OptionalInt position, OptionalInt estimatedWaitSeconds,
                           Optional<String> reference, Optional<DecisionView> decision,
                           Optional<ClerkShowsView> shown, boolean returned) {
        public CallView {
            Objects.requireNonNull(shown, "shown");
        }

        public CallView(CallPhase phase, OptionalInt position, OptionalInt estimatedWaitSeconds,
                        Optional<String> reference, Optional<DecisionView> decision,
                        Optional<ClerkShowsView> shown) {
            this(phase, position, estimatedWaitSeconds, reference, decision, shown, false);
        }

        /** A call view with nothing shown by the clerk. */
        public CallView(CallPhase phase, OptionalInt position, OptionalInt estimatedWaitSeconds,
                        Optional<String> reference, Optional<DecisionView> decision) {
            this(phase, position, estimatedWaitSeconds, reference, decision, Optional.empty());
        }

        /** This view with {@code shown} instead of what it had. */
        public CallView withShown(Optional<ClerkShowsView> shown) {
            return new CallView(phase, position, estimatedWaitSeconds, reference, decision, shown, returned);
        }
    }

    /**
     * What the clerk shows on the booth's screen during the call ("help without touching"): a short text in the
     * clerk's words and/or a picture of a document. It may be the resident's data: it is wiped with the session and
     * never printed ({@link #toString()} says only its sizes).
     *
     * @param text the clerk's words; "" for none
     * @param picture a PNG or JPEG the journey decoded and checked off the screen's thread; empty for none
     * @param widthPx the picture's width in pixels (0 without a picture)
     * @param heightPx the picture's height in pixels (0 without a picture)
     */
    public record ClerkShowsView(String text, byte[] picture, int widthPx, int heightPx) {
        public ClerkShowsView {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(picture, "picture");
        }

        public boolean hasPicture() {
            return picture.length > 0;
        }

        @Override
        public String toString() {
            return "ClerkShowsView[text=" + text.length() + " chars, picture="
                    + (hasPicture() ? widthPx + "x" + heightPx : "none") + "]";
        }
    }

    /** The clerk's decision: the outcome and the clerk's message as written. */
    public record DecisionView(Outcome outcome, String message) {
    }

    /**
     * The receipt. {@code printed} when a printer took it; otherwise the QR code ({@code qrPng}) is shown for
     * the resident's phone. {@code reference} is headquarters' reference, or the booth's own while the
     * application waits in the outbox ({@code delivered} false).
     */
    public record ReceiptView(String reference, boolean delivered, String text, byte[] receiptPng, byte[] qrPng,
                              boolean printed) {
        @Override
        public String toString() {
            return "ReceiptView[" + reference + ", delivered=" + delivered + ", printed=" + printed + "]";
        }
    }

    /** Headquarters as the booth sees it. */
    public record LinkView(boolean online, int pendingDeliveries) {
    }
}
