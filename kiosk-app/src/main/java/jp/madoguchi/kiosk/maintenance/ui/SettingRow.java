package jp.madoguchi.kiosk.maintenance.ui;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import jp.madoguchi.kiosk.store.SettingKey;

/** One editable setting: its label, the value being edited, and the validation message of the last save. */
public final class SettingRow {
    private final SettingKey key;
    private final String label;
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    SettingRow(SettingKey key, String label) {
        this.key = key;
        this.label = label;
    }

    public SettingKey key() {
        return key;
    }

    public String label() {
        return label;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public StringProperty errorProperty() {
        return error;
    }
}
