package jp.madoguchi.kiosk.maintenance.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import jp.madoguchi.kiosk.maintenance.Check;
import jp.madoguchi.kiosk.maintenance.CheckStatus;

/** One line of the diagnostics table. A null status means "not run yet" or "running" (see {@link #stateText}). */
public final class CheckRow {
    private final Check check;
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<CheckStatus> status = new SimpleObjectProperty<>();
    private final StringProperty stateText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("");

    CheckRow(Check check, String title) {
        this.check = check;
        this.title.set(title);
    }

    public Check check() {
        return check;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObjectProperty<CheckStatus> statusProperty() {
        return status;
    }

    /** The status word shown (OK / WARN / FAIL / running…). */
    public StringProperty stateTextProperty() {
        return stateText;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public StringProperty durationProperty() {
        return duration;
    }
}
