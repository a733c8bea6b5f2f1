package jp.madoguchi.kiosk.i18n;

import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;

/**
 * The bundle keys that are not {@code pin.*} / {@code password.*} messages: fixed sentences as constants,
 * and the keys derived from {@link JourneyStep} and {@link EndCause}.
 */
public final class BoothText {
    /** The attract screen's invitation. */
    public static final String ATTRACT_TOUCH_TO_START = "attract.touch_to_start";
    /** The inactivity countdown; {0} is the seconds left. */
    public static final String INACTIVITY_WARNING = "session.inactivity.warning";
    /** Under the countdown: how to keep the session. */
    public static final String INACTIVITY_TOUCH_TO_CONTINUE = "session.inactivity.touch_to_continue";

    /** Every constant above (for the bundle test). */
    public static final java.util.List<String> CONSTANTS =
            java.util.List.of(ATTRACT_TOUCH_TO_START, INACTIVITY_WARNING, INACTIVITY_TOUCH_TO_CONTINUE);

    private BoothText() {
    }

    /** {@code step.<name>.title}, e.g. {@code step.place_card.title}. */
    public static String stepTitle(JourneyStep step) {
        return "step." + step.name().toLowerCase(java.util.Locale.ROOT) + ".title";
    }

    /** {@code session.end.<cause>}, e.g. {@code session.end.inactivity}: the sentence to the resident. */
    public static String sessionEnd(EndCause cause) {
        return "session.end." + cause.name().toLowerCase(java.util.Locale.ROOT);
    }
}
