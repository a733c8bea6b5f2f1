package jp.madoguchi.kiosk.ui.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.madoguchi.hqlink.message.Outcome;

/**
 * The bundle keys the booth's screens add (texts of the booth itself; data texts come translated in the
 * {@link jp.madoguchi.kiosk.journey.JourneyView}). Every constant is listed in {@link #ARGUMENTS} with the number
 * of {@code {n}} arguments it takes, so the bundle test can prove none is missing or unused.
 */
public final class UiText {
    public static final String BACK = "ui.back";
    public static final String CANCEL = "ui.cancel";
    public static final String TALK_TO_CLERK = "ui.talk_to_clerk";
    public static final String PROCEDURE_TALK_TO_CLERK = "ui.procedure.talk_to_clerk";
    public static final String ATTRACT_CHOOSE_LANGUAGE = "ui.attract.choose_language";

    public static final String PAD_OK = "ui.pad.ok";
    public static final String PAD_BACKSPACE = "ui.pad.backspace";
    public static final String PAD_CLEAR = "ui.pad.clear";
    /** Accessible text of the masked entry; {0} = characters typed. */
    public static final String PAD_ENTERED = "ui.pad.entered";
    public static final String PAD_WARNING_TITLE = "ui.pad.warning_title";
    public static final String PAD_BLOCKED_TITLE = "ui.pad.blocked_title";

    public static final String IDENTITY_NAME = "ui.identity.name";
    public static final String IDENTITY_ADDRESS = "ui.identity.address";
    public static final String IDENTITY_BIRTH_DATE = "ui.identity.birth_date";
    public static final String IDENTITY_YES = "ui.identity.yes";
    public static final String IDENTITY_NO = "ui.identity.no";
    public static final String IDENTITY_CLERK_CHECK = "ui.identity.clerk_check";

    public static final String USUAL_INTRO = "ui.questions.usual.intro";
    public static final String USUAL_ACCEPT = "ui.questions.usual.accept";
    public static final String USUAL_CHANGE = "ui.questions.usual.change";
    /** {0} = this question's number, {1} = how many. */
    public static final String QUESTION_NUMBER = "ui.questions.number";
    public static final String QUESTION_NEXT = "ui.questions.next";
    public static final String QUESTION_PLUS = "ui.questions.plus";
    public static final String QUESTION_MINUS = "ui.questions.minus";

    public static final String REVIEW_INTRO = "ui.review.intro";
    public static final String REVIEW_CONFIRM = "ui.review.confirm";
    public static final String REVIEW_ZOOM_IN = "ui.review.zoom_in";
    public static final String REVIEW_ZOOM_OUT = "ui.review.zoom_out";
    public static final String REVIEW_PREVIEW = "ui.review.preview";
    public static final String REVIEW_FROM_CARD = "ui.review.from_card";
    public static final String REVIEW_FROM_ANSWER = "ui.review.from_answer";
    public static final String REVIEW_CLERK_CHECK = "ui.review.clerk_check";

    public static final String CALL_REQUESTING = "ui.call.requesting";
    /** {0} = the resident's place in the queue. */
    public static final String CALL_QUEUED = "ui.call.queued";
    /** {0} = expected wait in minutes. */
    public static final String CALL_WAIT = "ui.call.wait";
    public static final String CALL_CONNECTING = "ui.call.connecting";
    public static final String CALL_ENDED = "ui.call.ended";
    /** Waiting again: the clerk's side of the call was cut, and the resident keeps their place in the queue. */
    public static final String CALL_RETURNED = "ui.call.returned";
    public static final String CALL_UNAVAILABLE = "ui.call.unavailable";
    public static final String CALL_DECISION = "ui.call.decision";
    /** On the call screen: the signed application has 外字 a clerk will check (known only after the signature). */
    public static final String CALL_CLERK_CHECK = "ui.call.clerk_check";
    /** The heading over what the clerk shows beside the video (a text and/or a picture). */
    public static final String CALL_CLERK_SHOWS_TITLE = "ui.call.clerk_shows.title";
    /** The accessible text of the picture the clerk shows. */
    public static final String CALL_CLERK_SHOWS_PICTURE = "ui.call.clerk_shows.picture";

    public static final String REFERENCE = "ui.reference";
    public static final String RECEIPT_PRINTED = "ui.receipt.printed";
    public static final String RECEIPT_QR = "ui.receipt.qr";
    public static final String RECEIPT_PENDING = "ui.receipt.pending";
    public static final String RECEIPT_DONE = "ui.receipt.done";
    public static final String RECEIPT_IMAGE = "ui.receipt.image";
    public static final String TAKE_CARD_HINT = "ui.take_card.hint";

    public static final String LINK_OFFLINE = "ui.link.offline";
    /** {0} = signed applications waiting in the outbox. */
    public static final String LINK_PENDING = "ui.link.pending";

    /** Every key of this class (the constants and {@link #decision}) with how many arguments it takes. */
    public static final Map<String, Integer> ARGUMENTS;

    static {
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (String key : new String[] {BACK, CANCEL, TALK_TO_CLERK, PROCEDURE_TALK_TO_CLERK, ATTRACT_CHOOSE_LANGUAGE,
            PAD_OK, PAD_BACKSPACE, PAD_CLEAR, PAD_WARNING_TITLE, PAD_BLOCKED_TITLE, IDENTITY_NAME, IDENTITY_ADDRESS,
            IDENTITY_BIRTH_DATE, IDENTITY_YES, IDENTITY_NO, IDENTITY_CLERK_CHECK, USUAL_INTRO, USUAL_ACCEPT,
            USUAL_CHANGE, QUESTION_NEXT, QUESTION_PLUS, QUESTION_MINUS, REVIEW_INTRO, REVIEW_CONFIRM,
            REVIEW_ZOOM_IN, REVIEW_ZOOM_OUT, REVIEW_PREVIEW, REVIEW_FROM_CARD, REVIEW_FROM_ANSWER,
            REVIEW_CLERK_CHECK, CALL_REQUESTING, CALL_CONNECTING, CALL_ENDED, CALL_RETURNED, CALL_UNAVAILABLE, CALL_DECISION, CALL_CLERK_CHECK,
            CALL_CLERK_SHOWS_TITLE, CALL_CLERK_SHOWS_PICTURE,
            REFERENCE, RECEIPT_PRINTED, RECEIPT_QR, RECEIPT_PENDING, RECEIPT_DONE, RECEIPT_IMAGE, TAKE_CARD_HINT,
            LINK_OFFLINE}) {
            keys.put(key, 0);
        }
        keys.put(PAD_ENTERED, 1);
        keys.put(QUESTION_NUMBER, 2);
        keys.put(CALL_QUEUED, 1);
        keys.put(CALL_WAIT, 1);
        keys.put(LINK_PENDING, 1);
        for (Outcome outcome : Outcome.values()) {
            keys.put(decision(outcome), 0);
        }
        ARGUMENTS = Map.copyOf(keys);
    }

    private UiText() {
    }

    /** {@code ui.decision.<outcome>}, e.g. {@code ui.decision.correction_needed}. */
    public static String decision(Outcome outcome) {
        return "ui.decision." + outcome.name().toLowerCase(Locale.ROOT);
    }
}
