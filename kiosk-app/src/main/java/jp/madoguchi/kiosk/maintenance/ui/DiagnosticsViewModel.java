package jp.madoguchi.kiosk.maintenance.ui;

import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.kiosk.maintenance.Check;
import jp.madoguchi.kiosk.maintenance.CheckOutcome;
import jp.madoguchi.kiosk.maintenance.CheckStatus;
import jp.madoguchi.kiosk.maintenance.Diagnostics;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/**
 * The diagnostics table: one row per check; {@link #runAll()} starts every check on the background executor and
 * each row fills in as its result arrives (through the FX executor). FX thread only; never waits.
 */
public final class DiagnosticsViewModel {
    private final MaintenanceContext ctx;
    private final MaintenanceText text;
    private final Diagnostics diagnostics;
    private final ObservableList<CheckRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private int generation;

    DiagnosticsViewModel(MaintenanceContext ctx, MaintenanceText text) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.text = text;
        this.diagnostics = ctx.diagnostics();
        for (Check check : diagnostics.checks()) {
            rows.add(new CheckRow(check, text.text(check.titleKey())));
        }
        summary.set(text.text("maint.diag.not_run"));
    }

    public ObservableList<CheckRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public void runAll() {
        if (running.get()) {
            return;
        }
        int run = ++generation;
        running.set(true);
        summary.set(text.text("maint.diag.running"));
        for (CheckRow row : rows) {
            row.statusProperty().set(null);
            row.stateTextProperty().set(text.text("maint.status.running"));
            row.messageProperty().set("");
            row.detailProperty().set("");
            row.durationProperty().set("");
        }
        diagnostics.runAll(outcome -> ctx.fxExecutor().execute(() -> {
            if (run == generation) {
                show(outcome);
            }
        })).whenComplete((all, failure) -> ctx.fxExecutor().execute(() -> {
            if (run == generation) {
                running.set(false);
                long fails = rows.stream().filter(r -> r.statusProperty().get() == CheckStatus.FAIL).count();
                long warns = rows.stream().filter(r -> r.statusProperty().get() == CheckStatus.WARN).count();
                summary.set(text.text("maint.diag.done", rows.size(), warns, fails));
            }
        }));
    }

    private void show(CheckOutcome outcome) {
        for (CheckRow row : rows) {
            if (row.check() == outcome.check()) {
                row.statusProperty().set(outcome.result().status());
                row.stateTextProperty().set(text.status(outcome.result().status()));
                row.messageProperty().set(text.text(outcome.result().messageKey(), outcome.result().args()));
                row.detailProperty().set(outcome.result().detail());
                row.durationProperty().set(String.format(Locale.ROOT, "%.1f s", outcome.duration().toMillis() / 1000.0));
            }
        }
    }

    /** Results of a run still going are dropped after this (maintenance closed). */
    void abandon() {
        generation++;
        running.set(false);
    }
}
