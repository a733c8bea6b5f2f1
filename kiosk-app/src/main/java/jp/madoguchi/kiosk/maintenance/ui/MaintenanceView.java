package jp.madoguchi.kiosk.maintenance.ui;

import java.util.EnumMap;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.maintenance.ui.MaintenanceViewModel.Screen;

/**
 * The maintenance overlay: an opaque full-size pane the booth puts over its own scene (no new stage, so the
 * lockdown stays). First the PIN pad; then a side menu (diagnostics, outbox, logs, settings, enrol this booth, return to service)
 * and the chosen section. A one-second timeline drives the idle close. Thin: all state is in the view model.
 */
public final class MaintenanceView extends StackPane {
    private final MaintenanceViewModel vm;
    private final Timeline ticker;

    public MaintenanceView(MaintenanceViewModel vm) {
        this.vm = vm;
        MaintenanceText text = vm.text();
        getStyleClass().add("maintenance");
        getStylesheets().add(MaintenanceView.class.getResource("maintenance.css").toExternalForm());
        setId("maintenance-view");
        setAccessibleText(text.text("maint.title"));
        // nothing below the overlay can be touched
        setPickOnBounds(true);

        PinPadView pinPad = new PinPadView(vm.pin(), text, vm::returnToService);

        Map<Screen, Node> sections = new EnumMap<>(Screen.class);
        sections.put(Screen.DIAGNOSTICS, new DiagnosticsView(vm.diagnostics(), text));
        sections.put(Screen.OUTBOX, new OutboxView(vm.outbox(), text));
        sections.put(Screen.LOGS, new LogsView(vm.logs(), text));
        sections.put(Screen.SETTINGS, new SettingsView(vm.settings(), text));
        sections.put(Screen.ENROL, new EnrolView(vm.enrol(), text));
        StackPane content = new StackPane();
        content.getChildren().addAll(sections.values());

        VBox menu = new VBox();
        menu.getStyleClass().add("menu");
        menu.setId("maintenance-menu");
        Label title = new Label(text.text("maint.title"));
        title.getStyleClass().add("subtitle");
        title.setWrapText(true);
        title.setMaxWidth(Double.MAX_VALUE);
        menu.getChildren().add(title);
        ToggleGroup group = new ToggleGroup();
        Map<Screen, ToggleButton> buttons = new EnumMap<>(Screen.class);
        menuButton(menu, group, buttons, Screen.DIAGNOSTICS, text.text("maint.menu.diagnostics"), "maintenance-menu-diagnostics");
        menuButton(menu, group, buttons, Screen.OUTBOX, text.text("maint.menu.outbox"), "maintenance-menu-outbox");
        menuButton(menu, group, buttons, Screen.LOGS, text.text("maint.menu.logs"), "maintenance-menu-logs");
        menuButton(menu, group, buttons, Screen.SETTINGS, text.text("maint.menu.settings"), "maintenance-menu-settings");
        menuButton(menu, group, buttons, Screen.ENROL, text.text("maint.menu.enrol"), "maintenance-menu-enrol");
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button back = new Button(text.text("maint.menu.return"));
        back.setId("maintenance-return");
        back.getStyleClass().add("return-button");
        back.setWrapText(true);
        back.setMaxWidth(Double.MAX_VALUE);
        back.setAccessibleText(text.text("maint.menu.return"));
        back.setOnAction(e -> vm.returnToService());
        Label idle = new Label(text.text("maint.menu.idle_note", vm.idleMinutes()));
        idle.getStyleClass().add("muted");
        idle.setWrapText(true);
        idle.setMaxWidth(Double.MAX_VALUE);
        menu.getChildren().addAll(spacer, idle, back);

        BorderPane sectionsPane = new BorderPane(content);
        sectionsPane.setLeft(menu);
        sectionsPane.setId("maintenance-sections");
        BorderPane.setMargin(content, new Insets(0));

        getChildren().addAll(pinPad, sectionsPane);
        StackPane.setAlignment(pinPad, Pos.CENTER);
        Runnable showScreen = () -> {
            Screen screen = vm.screenProperty().get();
            pinPad.setVisible(screen == Screen.PIN);
            sectionsPane.setVisible(screen != Screen.PIN);
            sections.forEach((s, node) -> node.setVisible(s == screen));
            ToggleButton selected = buttons.get(screen);
            if (selected != null) {
                selected.setSelected(true);
            }
        };
        vm.screenProperty().addListener((obs, old, now) -> {
            showScreen.run();
            // keyboard-only operation: focus moves into what is shown
            Node first = now == Screen.PIN ? lookup("#maintenance-pin-key-1") : buttons.get(now);
            if (first != null) {
                first.requestFocus();
            }
        });
        showScreen.run();

        addEventFilter(MouseEvent.MOUSE_PRESSED, this::touched);
        addEventFilter(TouchEvent.TOUCH_PRESSED, this::touched);
        addEventFilter(KeyEvent.KEY_PRESSED, this::touched);

        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        vm.openProperty().addListener((obs, was, now) -> {
            if (!now) {
                ticker.stop();
            }
        });
    }

    private void touched(InputEvent event) {
        vm.touched();
    }

    private void menuButton(VBox menu, ToggleGroup group, Map<Screen, ToggleButton> buttons, Screen screen,
            String label, String id) {
        ToggleButton button = new ToggleButton(label);
        button.setId(id);
        button.setToggleGroup(group);
        button.setAccessibleText(label);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setOnAction(e -> {
            button.setSelected(true);
            vm.show(screen);
        });
        buttons.put(screen, button);
        menu.getChildren().add(button);
    }

    /** Puts the keyboard focus on the pad's first key, so digits, Backspace and Enter work at once. */
    public void focusFirstControl() {
        Node first = lookup(vm.screenProperty().get() == Screen.PIN ? "#maintenance-pin-key-1" : "#maintenance-return");
        if (first != null) {
            first.requestFocus();
        }
    }

    public MaintenanceViewModel viewModel() {
        return vm;
    }
}
