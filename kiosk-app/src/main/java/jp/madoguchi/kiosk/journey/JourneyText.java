package jp.madoguchi.kiosk.journey;

import java.util.List;

/**
 * The message keys {@link BoothJourney} puts into {@link JourneyView#busyKey()},
 * {@link JourneyView#problemKey()} and {@link JourneyView.IdentityView#sexKey()}; all in
 * {@code jp/madoguchi/kiosk/messages*.properties}, in all seven languages. None takes an argument.
 */
public final class JourneyText {
    public static final String BUSY_READING_CARD = "journey.busy.reading_card";
    public static final String BUSY_PREPARING_FORM = "journey.busy.preparing_form";
    public static final String BUSY_SIGNING = "journey.busy.signing";
    public static final String BUSY_RECEIPT = "journey.busy.receipt";
    public static final String PROBLEM_CARD = "journey.problem.card";
    public static final String PROBLEM_FORM = "journey.problem.form";
    public static final String PROBLEM_SIGNING = "journey.problem.signing";
    public static final String PROBLEM_HQ_UNAVAILABLE = "journey.problem.hq_unavailable";
    public static final String PROBLEM_CALL_REFUSED = "journey.problem.call_refused";
    public static final String PROBLEM_VIDEO = "journey.problem.video";
    public static final String PROBLEM_QUESTION_UNSUPPORTED = "journey.problem.question_unsupported";
    public static final String PROBLEM_ANSWER_INVALID = "journey.problem.answer_invalid";
    /** The PC/SC service restarted under the card: back to "place your card", the PIN is asked again. */
    public static final String PROBLEM_READER_RESTARTED = "journey.problem.reader_restarted";
    public static final String SEX_MALE = "journey.sex.male";
    public static final String SEX_FEMALE = "journey.sex.female";
    public static final String SEX_NOT_APPLICABLE = "journey.sex.not_applicable";

    /** Every key above, for the bundle's completeness test. */
    public static final List<String> KEYS = List.of(BUSY_READING_CARD, BUSY_PREPARING_FORM, BUSY_SIGNING,
            BUSY_RECEIPT, PROBLEM_CARD, PROBLEM_FORM, PROBLEM_SIGNING, PROBLEM_HQ_UNAVAILABLE, PROBLEM_CALL_REFUSED,
            PROBLEM_VIDEO, PROBLEM_QUESTION_UNSUPPORTED, PROBLEM_ANSWER_INVALID, PROBLEM_READER_RESTARTED, SEX_MALE, SEX_FEMALE,
            SEX_NOT_APPLICABLE);

    private JourneyText() {
    }
}
