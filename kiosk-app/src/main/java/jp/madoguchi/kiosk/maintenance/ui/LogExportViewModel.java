package jp.madoguchi.kiosk.maintenance.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.kiosk.maintenance.LogExport;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/**
 * Log export: the directories offered (home, USB sticks), the one chosen, and the export itself on the background
 * executor ({@link LogExport}: scrubbed logs plus the audit trail and its verification, recorded in the audit).
 * FX thread only.
 */
public final class LogExportViewModel {
    private final MaintenanceContext ctx;
    private final MaintenanceText text;
    private final ObservableList<Path> targets = FXCollections.observableArrayList();
    private final ObjectProperty<Path> target = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper lastExportOk = new ReadOnlyBooleanWrapper(false);

    LogExportViewModel(MaintenanceContext ctx, MaintenanceText text) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.text = text;
    }

    public ObservableList<Path> targets() {
        return targets;
    }

    public ObjectProperty<Path> targetProperty() {
        return target;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lastExportOkProperty() {
        return lastExportOk.getReadOnlyProperty();
    }

    /** Looks for export directories again (a USB stick may just have been plugged in). */
    public void refreshTargets() {
        CompletableFuture.supplyAsync(() -> ctx.exportTargets().get(), ctx.background())
                .whenComplete((found, failure) -> ctx.fxExecutor().execute(() -> {
                    List<Path> list = failure == null ? found : List.of();
                    Path chosen = target.get();
                    targets.setAll(list);
                    target.set(chosen != null && list.contains(chosen) ? chosen : list.isEmpty() ? null : list.get(0));
                    if (list.isEmpty()) {
                        message.set(text.text("maint.logs.no_target"));
                    }
                }));
    }

    public void export() {
        Path chosen = target.get();
        if (busy.get() || chosen == null) {
            return;
        }
        busy.set(true);
        message.set(text.text("maint.logs.exporting"));
        CompletableFuture.supplyAsync(() -> {
            try {
                return ctx.logExport().export(ctx.logFile(), chosen);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ctx.background()).whenComplete((report, failure) -> ctx.fxExecutor().execute(() -> {
            busy.set(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof java.io.UncheckedIOException io) {
                    cause = io.getCause();
                }
                lastExportOk.set(false);
                message.set(text.text("maint.logs.failed", String.valueOf(cause.getMessage())));
                return;
            }
            lastExportOk.set(true);
            message.set(text.text("maint.logs.done", report.folder().toString(), report.files().size(),
                    report.masked(), report.auditVerification().ok() ? text.text("maint.logs.audit_ok")
                            : text.text("maint.logs.audit_broken", report.auditVerification().toString())));
        }));
    }
}
