package jp.madoguchi.kiosk.ui;

import javafx.animation.Animation;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small builders the screens share: buttons and labels whose text and accessible text follow a binding. */
final class Controls {
    private Controls() {
    }

    /** A button whose label and accessible text follow {@code text} (a sentence that changes with the language). */
    static Button button(ObservableStringValue text, Runnable action, String... styleClasses) {
        Button button = new Button();
        button.textProperty().bind(text);
        button.accessibleTextProperty().bind(text);
        return configure(button, action, styleClasses);
    }

    /** A button with a fixed label (a language's own name, a procedure's title, a key). */
    static Button button(String text, String accessibleText, Runnable action, String... styleClasses) {
        Button button = new Button(text);
        button.setAccessibleText(accessibleText);
        return configure(button, action, styleClasses);
    }

    private static Button configure(Button button, Runnable action, String... styleClasses) {
        button.getStyleClass().addAll(styleClasses);
        button.setOnAction(event -> action.run());
        button.setFocusTraversable(true);
        button.setMnemonicParsing(false);
        return button;
    }

    /** A wrapping label bound to {@code text}. */
    static Label label(ObservableStringValue text, String... styleClasses) {
        Label label = new Label();
        label.textProperty().bind(text);
        return style(label, styleClasses);
    }

    static Label label(String text, String... styleClasses) {
        return style(new Label(text), styleClasses);
    }

    private static Label style(Label label, String... styleClasses) {
        label.getStyleClass().addAll(styleClasses);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    /** A column that takes the width it is given. */
    static VBox column(String styleClass, Node... children) {
        VBox box = new VBox(children);
        if (styleClass != null) {
            box.getStyleClass().add(styleClass);
        }
        box.setFillWidth(true);
        return box;
    }

    static Region spacer() {
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox.setVgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    /** Decodes images off the FX thread (a form preview is about 1000x1400 pixels). */
    private static final java.util.concurrent.Executor DECODER = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "booth-image-decoder");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * Shows a PNG in {@code view} once it is decoded on the decoder's thread: the FX thread never waits for a large
     * form preview. The view is empty until then.
     */
    static void showPng(javafx.scene.image.ImageView view, byte[] png) {
        java.util.concurrent.CompletableFuture
                .supplyAsync(() -> new Image(new java.io.ByteArrayInputStream(png)), DECODER)
                .thenAcceptAsync(view::setImage, javafx.application.Platform::runLater);
    }

    static VBox centred(Node... children) {
        VBox box = new VBox(children);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("centred");
        box.setSpacing(24);
        return box;
    }

    /** Plays the animations while {@code node} is in a scene, stops them when it leaves (a screen is replaced). */
    static void whileShown(Node node, Animation... animations) {
        node.sceneProperty().addListener((observable, previous, next) -> {
            for (Animation animation : animations) {
                if (next == null) {
                    animation.stop();
                } else {
                    animation.play();
                }
            }
        });
    }

    /** Arrow keys move the focus between a keypad's keys by row and column (for switch devices and keyboards). */
    static void arrowKeys(GridPane grid) {
        grid.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            int dx = event.getCode() == KeyCode.LEFT ? -1 : event.getCode() == KeyCode.RIGHT ? 1 : 0;
            int dy = event.getCode() == KeyCode.UP ? -1 : event.getCode() == KeyCode.DOWN ? 1 : 0;
            if (dx == 0 && dy == 0 || grid.getScene() == null) {
                return;
            }
            Node focused = grid.getScene().getFocusOwner();
            if (focused == null || focused.getParent() != grid) {
                return;
            }
            int column = index(GridPane.getColumnIndex(focused));
            int row = index(GridPane.getRowIndex(focused));
            Node target = null;
            for (int step = 1; step < 20 && target == null; step++) {
                target = at(grid, column + dx * step, row + dy * step);
                if (target == null && at(grid, column + dx * step, row + dy * step, true) == null) {
                    break;
                }
            }
            if (target != null) {
                target.requestFocus();
                event.consume();
            }
        });
    }

    private static Node at(GridPane grid, int column, int row) {
        return at(grid, column, row, false);
    }

    /** The enabled button at a cell; with {@code anyCell}, any node or a placeholder for an empty cell inside the grid. */
    private static Node at(GridPane grid, int column, int row, boolean anyCell) {
        if (column < 0 || row < 0) {
            return null;
        }
        boolean inside = false;
        for (Node child : grid.getChildren()) {
            int c = index(GridPane.getColumnIndex(child));
            int r = index(GridPane.getRowIndex(child));
            int span = GridPane.getColumnSpan(child) == null ? 1 : GridPane.getColumnSpan(child);
            if (r == row && column >= c && column < c + span) {
                if (!anyCell && !child.isDisabled() && child.isFocusTraversable()) {
                    return child;
                }
                return anyCell ? child : null;
            }
            if (column <= maxColumn(grid) && row <= maxRow(grid)) {
                inside = true;
            }
        }
        return anyCell && inside ? grid : null;
    }

    private static int maxColumn(GridPane grid) {
        return grid.getChildren().stream().mapToInt(n -> index(GridPane.getColumnIndex(n))).max().orElse(0);
    }

    private static int maxRow(GridPane grid) {
        return grid.getChildren().stream().mapToInt(n -> index(GridPane.getRowIndex(n))).max().orElse(0);
    }

    private static int index(Integer value) {
        return value == null ? 0 : value;
    }
}
