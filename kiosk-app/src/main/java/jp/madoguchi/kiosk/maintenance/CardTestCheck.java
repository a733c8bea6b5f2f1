package jp.madoguchi.kiosk.maintenance;

import java.util.Objects;
import jp.madoguchi.card.CardError;
import jp.madoguchi.kiosk.card.CardProbe;
import jp.madoguchi.kiosk.card.CardProbe.CardReading;
import jp.madoguchi.kiosk.card.CardProbe.ReaderSurvey;

/**
 * Talks to the card in the reader (a test card, the emulator's, or IT staff's own): reads the JPKI token label and
 * the authentication PIN's tries left. Spends no PIN try and reads no personal data.
 */
public final class CardTestCheck implements Check {
    private final CardProbe probe;

    public CardTestCheck(CardProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public String titleKey() {
        return "maint.check.card.title";
    }

    @Override
    public CheckResult run() {
        ReaderSurvey survey = probe.survey();
        if (!survey.serviceRunning() || survey.readers().isEmpty()) {
            return CheckResult.fail("maint.check.card.no_reader", survey.problem());
        }
        if (survey.readersWithCard().isEmpty()) {
            return CheckResult.warn("maint.check.card.no_card", String.join(", ", survey.readers()));
        }
        String reader = survey.readersWithCard().get(0);
        CardReading reading = probe.readCard(reader);
        if (reading.readable()) {
            String detail = reader + ": " + reading.tokenLabel().orElse("?");
            if (reading.authBlocked()) {
                return CheckResult.warn("maint.check.card.blocked", detail);
            }
            return CheckResult.ok("maint.check.card.ok", detail, reading.authTriesLeft().map(Object::toString).orElse("-"));
        }
        CardError error = reading.error().orElseThrow();
        if (error == CardError.NOT_A_MY_NUMBER_CARD) {
            return CheckResult.warn("maint.check.card.not_mynumber", reader + ": " + reading.detail());
        }
        if (error == CardError.NO_CARD || error == CardError.CARD_REMOVED) {
            return CheckResult.warn("maint.check.card.no_card", reader + ": " + reading.detail());
        }
        return CheckResult.fail("maint.check.card.unreadable", reader + ": " + reading.detail());
    }
}
