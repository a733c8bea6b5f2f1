package jp.madoguchi.kiosk.maintenance.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.store.InvalidSettingException;
import jp.madoguchi.kiosk.store.SettingKey;

/**
 * The booth settings IT staff may edit here (not the PIN hash), each saved on its own through
 * {@code Settings.set} on the background executor; a refused value shows the store's own explanation under the
 * field. FX thread only.
 */
public final class SettingsViewModel {
    /** What the settings screen offers, in order. */
    public static final List<SettingKey> EDITABLE = List.of(SettingKey.BOOTH_NAME, SettingKey.MUNICIPALITY, SettingKey.HQ_URL,
            SettingKey.INACTIVITY_SECONDS, SettingKey.LANGUAGE_DEFAULT, SettingKey.SOUND_ENABLED,
            SettingKey.LARGE_TEXT, SettingKey.HIGH_CONTRAST, SettingKey.RECEIPT_WIDTH_MM,
            SettingKey.OUTBOX_RETRY_SECONDS);

    private final MaintenanceContext ctx;
    private final MaintenanceText text;
    private final List<SettingRow> rows;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    SettingsViewModel(MaintenanceContext ctx, MaintenanceText text) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.text = text;
        this.rows = EDITABLE.stream().map(key -> new SettingRow(key, text.text(labelKey(key)))).toList();
    }

    static String labelKey(SettingKey key) {
        return switch (key) {
            case BOOTH_NAME -> "maint.setting.booth_name";
            case MUNICIPALITY -> "maint.setting.municipality";
            case HQ_URL -> "maint.setting.hq_url";
            case INACTIVITY_SECONDS -> "maint.setting.inactivity_seconds";
            case LANGUAGE_DEFAULT -> "maint.setting.language_default";
            case SOUND_ENABLED -> "maint.setting.sound_enabled";
            case LARGE_TEXT -> "maint.setting.large_text";
            case HIGH_CONTRAST -> "maint.setting.high_contrast";
            case RECEIPT_WIDTH_MM -> "maint.setting.receipt_width_mm";
            case OUTBOX_RETRY_SECONDS -> "maint.setting.outbox_retry_seconds";
            case MAINTENANCE_PIN_HASH -> throw new IllegalArgumentException("the PIN hash is not edited here");
        };
    }

    public List<SettingRow> rows() {
        return rows;
    }

    public SettingRow row(SettingKey key) {
        return rows.stream().filter(r -> r.key() == key).findFirst().orElseThrow();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Reads the current values into the fields. */
    public void load() {
        CompletableFuture.supplyAsync(() -> {
            Map<SettingKey, String> values = new LinkedHashMap<>();
            EDITABLE.forEach(key -> values.put(key, ctx.settings().get(key)));
            return values;
        }, ctx.background()).whenComplete((values, failure) -> ctx.fxExecutor().execute(() -> {
            if (failure != null) {
                message.set(text.text("maint.settings.load_failed"));
                return;
            }
            for (SettingRow row : rows) {
                row.valueProperty().set(values.get(row.key()));
                row.errorProperty().set("");
            }
        }));
    }

    /** Saves one field; on refusal its error shows why and the stored value stays as it was. */
    public void save(SettingRow row) {
        String value = row.valueProperty().get() == null ? "" : row.valueProperty().get().strip();
        CompletableFuture.runAsync(() -> ctx.settings().set(row.key(), value), ctx.background())
                .whenComplete((done, failure) -> ctx.fxExecutor().execute(() -> {
                    Throwable cause = failure != null && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof InvalidSettingException invalid) {
                        row.errorProperty().set(text.text("maint.settings.invalid", invalid.getMessage()));
                        message.set("");
                    } else if (cause != null) {
                        row.errorProperty().set(text.text("maint.settings.save_failed"));
                    } else {
                        row.valueProperty().set(value);
                        row.errorProperty().set("");
                        message.set(text.text("maint.settings.saved", row.label()));
                    }
                }));
    }
}
