package jp.madoguchi.clerk.model;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.service.ClerkService;
import jp.madoguchi.hqlink.message.HistoryEntry;

/**
 * Today's calls and decisions (or another day's), searchable by part of a reference number: headquarters filters, so
 * the console never holds more than one day's list. Properties change on the ui thread only.
 */
public final class HistoryModel {
    private final ClerkService service;
    private final Executor work;
    private final Executor ui;
    private final Locale locale;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>(this, "date");
    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private Runnable onSessionExpired = () -> { };
    private int generation;

    public HistoryModel(ClerkService service, Executor work, Executor ui, Locale locale) {
        this.service = Objects.requireNonNull(service, "service");
        this.work = Objects.requireNonNull(work, "work");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.locale = Objects.requireNonNull(locale, "locale");
    }

    public void setOnSessionExpired(Runnable callback) {
        this.onSessionExpired = Objects.requireNonNull(callback, "callback");
    }

    /** Asks headquarters for the entries matching the query and date; a newer search wins over an older answer. */
    public void search() {
        int mine = ++generation;
        String text = query.get() == null ? "" : query.get().strip();
        LocalDate day = date.get();
        loading.set(true);
        status.set(ConsoleText.HISTORY_LOADING.in(locale));
        Requests.run(work, ui, locale, () -> service.history(text.isEmpty() ? null : text, day).entries(), found -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            entries.setAll(found);
            status.set(found.isEmpty() ? ConsoleText.HISTORY_EMPTY.in(locale)
                    : ConsoleText.HISTORY_COUNT.in(locale, found.size()));
        }, problem -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            status.set(problem.text());
            if (problem.sessionExpired()) {
                onSessionExpired.run();
            }
        });
    }

    /** Forgets the list (logout). */
    public void clear() {
        generation++;
        entries.clear();
        query.set("");
        date.set(null);
        status.set("");
        loading.set(false);
    }

    public StringProperty queryProperty() {
        return query;
    }

    /** The day to list; null for today (headquarters' today). */
    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    public ObservableList<HistoryEntry> entries() {
        return entries;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
