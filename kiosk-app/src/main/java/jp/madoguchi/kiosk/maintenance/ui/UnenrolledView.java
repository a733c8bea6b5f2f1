package jp.madoguchi.kiosk.maintenance.ui;

import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/**
 * What a booth that is not enrolled shows instead of the resident's screens: "this booth is not enrolled yet", in
 * IT staff's language, and a button to maintenance (behind the IT staff PIN as always), where "Enrol this booth"
 * is. An opaque pane over the booth's scene: residents cannot start a journey that could never reach headquarters.
 */
public final class UnenrolledView extends StackPane {
    public UnenrolledView(MaintenanceText text, Runnable openMaintenance) {
        Objects.requireNonNull(openMaintenance, "openMaintenance");
        getStyleClass().add("maintenance");
        getStylesheets().add(UnenrolledView.class.getResource("maintenance.css").toExternalForm());
        setId("unenrolled-view");
        setPickOnBounds(true);
        Label title = new Label(text.text("maint.unenrolled.title"));
        title.setId("unenrolled-title");
        title.getStyleClass().add("title");
        title.setWrapText(true);
        title.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Label body = new Label(text.text("maint.unenrolled.body"));
        body.setWrapText(true);
        body.setTextAlignment(javafx.scene.text.TextAlignment.CENTER); // under the centred title, not ragged left
        body.getStyleClass().add("message");
        Button open = new Button(text.text("maint.unenrolled.open"));
        open.setId("unenrolled-open-maintenance");
        open.setAccessibleText(text.text("maint.unenrolled.open"));
        open.getStyleClass().add("return-button");
        open.setOnAction(e -> openMaintenance.run());
        VBox box = new VBox(24, title, body, open);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(820);
        box.getStyleClass().add("section");
        setAccessibleText(text.text("maint.unenrolled.title"));
        getChildren().add(box);
        StackPane.setAlignment(box, Pos.CENTER);
    }
}
