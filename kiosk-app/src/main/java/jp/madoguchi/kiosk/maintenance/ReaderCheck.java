package jp.madoguchi.kiosk.maintenance;

import java.util.Objects;
import jp.madoguchi.kiosk.card.CardProbe;
import jp.madoguchi.kiosk.card.CardProbe.ReaderSurvey;

/** The PC/SC service runs and at least one card reader is connected. */
public final class ReaderCheck implements Check {
    private final CardProbe probe;

    public ReaderCheck(CardProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public String titleKey() {
        return "maint.check.pcsc.title";
    }

    @Override
    public CheckResult run() {
        ReaderSurvey survey = probe.survey();
        if (!survey.serviceRunning()) {
            return CheckResult.fail("maint.check.pcsc.no_service", survey.problem());
        }
        if (!survey.problem().isEmpty()) {
            return CheckResult.fail("maint.check.pcsc.error", survey.problem());
        }
        if (survey.readers().isEmpty()) {
            return CheckResult.fail("maint.check.pcsc.no_reader", "");
        }
        return CheckResult.ok("maint.check.pcsc.ok", String.join(", ", survey.readers()), survey.readers().size());
    }
}
