package jp.madoguchi.kiosk.maintenance.ui;

import java.util.Objects;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;

/**
 * The one entry to maintenance: the booth's hidden gesture calls {@link #open}, which lays the
 * {@link MaintenanceView} over {@code overlayHost} (PIN first). "Return to service" or 5 idle minutes remove it
 * again and call {@code onReturnToService}. FX thread only.
 *
 * <pre>{@code
 * screens.onMaintenanceRequested(() -> MaintenanceMode.open(rootStack, maintenanceContext, journey::resume));
 * }</pre>
 */
public final class MaintenanceMode {
    private final Pane overlayHost;
    private final MaintenanceView view;

    private MaintenanceMode(Pane overlayHost, MaintenanceView view) {
        this.overlayHost = overlayHost;
        this.view = view;
    }

    /** Opens maintenance in the language IT staff read on this booth (Japanese unless the booth starts in another). */
    public static MaintenanceMode open(Pane overlayHost, MaintenanceContext ctx, Runnable onReturnToService) {
        return open(overlayHost, ctx, onReturnToService,
                MaintenanceText.forBoothLanguage(ctx.settings().get(jp.madoguchi.kiosk.store.SettingKey.LANGUAGE_DEFAULT)));
    }

    /**
     * Opens maintenance over {@code overlayHost} (its last child, filling it). If maintenance is already open there,
     * that one is returned.
     */
    public static MaintenanceMode open(Pane overlayHost, MaintenanceContext ctx, Runnable onReturnToService,
            MaintenanceText text) {
        Objects.requireNonNull(overlayHost, "overlayHost");
        Objects.requireNonNull(onReturnToService, "onReturnToService");
        for (var child : overlayHost.getChildren()) {
            if (child instanceof MaintenanceView open && open.viewModel().openProperty().get()) {
                return new MaintenanceMode(overlayHost, open);
            }
        }
        MaintenanceView[] holder = new MaintenanceView[1];
        MaintenanceViewModel vm = new MaintenanceViewModel(ctx, text, () -> {
            overlayHost.getChildren().remove(holder[0]);
            onReturnToService.run();
        });
        MaintenanceView view = new MaintenanceView(vm);
        holder[0] = view;
        view.setManaged(overlayHost instanceof javafx.scene.layout.StackPane);
        if (!view.isManaged()) {
            view.prefWidthProperty().bind(overlayHost.widthProperty());
            view.prefHeightProperty().bind(overlayHost.heightProperty());
            view.resizeRelocate(0, 0, overlayHost.getWidth(), overlayHost.getHeight());
            overlayHost.widthProperty().addListener((o, a, b) -> view.resize(overlayHost.getWidth(), overlayHost.getHeight()));
            overlayHost.heightProperty().addListener((o, a, b) -> view.resize(overlayHost.getWidth(), overlayHost.getHeight()));
        }
        view.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        overlayHost.getChildren().add(view);
        view.focusFirstControl();
        return new MaintenanceMode(overlayHost, view);
    }

    public MaintenanceView view() {
        return view;
    }

    public MaintenanceViewModel viewModel() {
        return view.viewModel();
    }

    public boolean isOpen() {
        return view.viewModel().openProperty().get() && overlayHost.getChildren().contains(view);
    }

    /** Closes as "return to service" would. */
    public void close() {
        view.viewModel().returnToService();
    }
}
