package jp.madoguchi.kiosk.maintenance.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.kiosk.maintenance.CheckStatus;
import jp.madoguchi.kiosk.maintenance.MaintenanceContext;
import jp.madoguchi.kiosk.maintenance.MaintenanceFixture;
import jp.madoguchi.kiosk.maintenance.MaintenanceText;
import jp.madoguchi.kiosk.maintenance.ui.MaintenanceViewModel.CloseCause;
import jp.madoguchi.kiosk.maintenance.ui.MaintenanceViewModel.Screen;
import jp.madoguchi.kiosk.store.SettingKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view models without a screen: every executor runs on the test's thread. */
class MaintenanceViewModelTest {
    private static final String PIN = "86420975";
    @TempDir
    Path dir;
    private MaintenanceFixture booth;
    private MaintenanceContext ctx;
    private MaintenanceViewModel vm;
    private final AtomicInteger closed = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        booth = new MaintenanceFixture(dir);
        booth.setPin(PIN);
        booth.terminals.attachReader(MaintenanceFixture.READER);
        ctx = booth.sameThreadContext();
        vm = new MaintenanceViewModel(ctx, MaintenanceText.english(), closed::incrementAndGet);
    }

    @AfterEach
    void close() {
        booth.close();
    }

    private void typeAndSubmit(String pin) {
        for (char c : pin.toCharArray()) {
            vm.pin().type(c);
        }
        vm.pin().submit();
    }

    private long audited(String event) {
        return booth.audit().export().stream().filter(l -> l.contains("\t" + event + "\t")).count();
    }

    @Test
    void theSectionsStayShutUntilTheRightPin() {
        vm.show(Screen.SETTINGS);
        assertEquals(Screen.PIN, vm.screenProperty().get());
        typeAndSubmit("11112222");
        assertEquals(Screen.PIN, vm.screenProperty().get());
        assertEquals("Wrong PIN. 4 more tries before maintenance locks for 5 minutes.",
                vm.pin().messageProperty().get());
        assertEquals(0, vm.pin().length(), "the pad is cleared after each attempt");
        typeAndSubmit(PIN);
        assertEquals(Screen.DIAGNOSTICS, vm.screenProperty().get());
        // diagnostics start by themselves and every row gets a status
        assertTrue(vm.diagnostics().rows().stream().allMatch(r -> r.statusProperty().get() != null));
        assertEquals(CheckStatus.OK, vm.diagnostics().rows().get(0).statusProperty().get());
        assertFalse(vm.diagnostics().runningProperty().get());
    }

    @Test
    void okNeedsSixDigitsAndTheDisplayShowsDotsOnly() {
        for (char c : "12345".toCharArray()) {
            vm.pin().type(c);
        }
        assertFalse(vm.pin().canSubmitProperty().get());
        assertEquals("●●●●●", vm.pin().maskedProperty().get());
        vm.pin().type('6');
        assertTrue(vm.pin().canSubmitProperty().get());
        vm.pin().backspace();
        assertFalse(vm.pin().canSubmitProperty().get());
        for (char c : "6789012".toCharArray()) {
            vm.pin().type(c);
        }
        assertEquals(12, vm.pin().length(), "no more than 12 digits");
    }

    @Test
    void fiveWrongPinsLockThePad() {
        for (int i = 0; i < 5; i++) {
            typeAndSubmit("00000000");
        }
        assertTrue(vm.pin().lockedProperty().get());
        assertTrue(vm.pin().messageProperty().get().startsWith("Too many wrong PINs. Maintenance is locked until "));
        vm.pin().type('1');
        assertEquals(0, vm.pin().length(), "a locked pad takes no digits");
        booth.clock.advance(Duration.ofMinutes(4));
        vm.touched();
        vm.tick();
        assertTrue(vm.pin().lockedProperty().get(), "still locked after 4 minutes");
        booth.clock.advance(Duration.ofMinutes(1));
        vm.touched();
        vm.tick();
        assertFalse(vm.pin().lockedProperty().get());
        assertEquals("Enter the maintenance PIN (6 to 12 digits).", vm.pin().messageProperty().get());
        typeAndSubmit(PIN);
        assertEquals(Screen.DIAGNOSTICS, vm.screenProperty().get());
    }

    @Test
    void returnToServiceClosesAndIsAudited() {
        typeAndSubmit(PIN);
        vm.returnToService();
        assertFalse(vm.openProperty().get());
        assertEquals(CloseCause.RETURN_TO_SERVICE, vm.closeCauseProperty().get());
        assertEquals(1, closed.get());
        assertEquals(1, audited("MAINTENANCE_OPENED"));
        assertEquals(1, audited("MAINTENANCE_CLOSED"));
        vm.returnToService();
        assertEquals(1, closed.get(), "closing twice calls back once");
    }

    @Test
    void fiveIdleMinutesCloseMaintenanceAndATouchPostponesIt() {
        typeAndSubmit(PIN);
        booth.clock.advance(Duration.ofMinutes(4));
        vm.touched();
        booth.clock.advance(Duration.ofMinutes(4));
        vm.tick();
        assertTrue(vm.openProperty().get());
        booth.clock.advance(Duration.ofMinutes(1));
        vm.tick();
        assertFalse(vm.openProperty().get());
        assertEquals(CloseCause.IDLE, vm.closeCauseProperty().get());
        assertEquals(1, audited("MAINTENANCE_CLOSED"));
    }

    @Test
    void leavingThePinPadUnopenedIsNotAnAuditedMaintenance() {
        vm.pin().type('1');
        vm.returnToService();
        assertEquals(0, vm.pin().length());
        assertEquals(0, audited("MAINTENANCE_CLOSED"));
    }

    @Test
    void theOutboxShowsReferencesAgesAttemptsAndTheLastErrorAndSendsNow() {
        typeAndSubmit(PIN);
        var outbox = booth.store.outbox();
        var first = outbox.enqueue("MD-20261123-AAAAA1", "idem-key-0001", new byte[] {1, 2, 3});
        booth.clock.advance(Duration.ofMinutes(30));
        outbox.enqueue("MD-20261123-BBBBB2", "idem-key-0002", new byte[] {4});
        outbox.recordAttempt(first.id(), "hq.unreachable");
        outbox.recordAttempt(first.id(), "hq.timeout");
        booth.clock.advance(Duration.ofMinutes(15));
        vm.show(Screen.OUTBOX);
        OutboxViewModel shown = vm.outbox();
        assertEquals("2 application(s)", shown.countProperty().get());
        assertEquals("45 min", shown.oldestProperty().get());
        assertEquals("2", shown.attemptsProperty().get());
        assertEquals("hq.timeout", shown.lastErrorProperty().get());
        assertEquals(new OutboxRow("MD-20261123-AAAAA1", "45 min", "2", "hq.timeout"), shown.rows().get(0));

        shown.sendNow();
        assertEquals(1, booth.deliveries.get());
        assertEquals("Delivery started. The figures show the state after it.", shown.messageProperty().get());
    }

    @Test
    void anInvalidSettingShowsTheStoresReasonAndAValidOneIsSaved() {
        typeAndSubmit(PIN);
        vm.show(Screen.SETTINGS);
        SettingsViewModel settings = vm.settings();
        SettingRow inactivity = settings.row(SettingKey.INACTIVITY_SECONDS);
        assertEquals("90", inactivity.valueProperty().get());
        inactivity.valueProperty().set("5");
        settings.save(inactivity);
        assertEquals("Not saved: invalid value for setting inactivity.seconds: expected a whole number from 30 to 600",
                inactivity.errorProperty().get());
        assertEquals(90, booth.store.settings().getInt("inactivity.seconds"));
        inactivity.valueProperty().set("120");
        settings.save(inactivity);
        assertEquals("", inactivity.errorProperty().get());
        assertEquals(120, booth.store.settings().getInt("inactivity.seconds"));
        assertEquals("Saved: Inactivity timeout (seconds)", settings.messageProperty().get());
        assertFalse(SettingsViewModel.EDITABLE.contains(SettingKey.MAINTENANCE_PIN_HASH));
    }

    @Test
    void theLogExportWritesToTheChosenDirectoryAndSaysSo() throws Exception {
        typeAndSubmit(PIN);
        vm.show(Screen.LOGS);
        LogExportViewModel logs = vm.logs();
        assertEquals(dir.resolve("usb"), logs.targetProperty().get());
        logs.export();
        assertTrue(logs.lastExportOkProperty().get(), logs.messageProperty().get());
        assertTrue(logs.messageProperty().get().contains("Audit trail verified: intact."), logs.messageProperty().get());
        try (var folders = Files.list(dir.resolve("usb"))) {
            assertEquals(1, folders.count());
        }
        assertEquals(1, audited("LOG_EXPORTED"));
    }

    @Test
    void aPinStillBeingCheckedWhenMaintenanceClosesOpensNothing() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        MaintenanceContext slow = booth.context(queued::add, Runnable::run).build();
        MaintenanceViewModel late = new MaintenanceViewModel(slow, MaintenanceText.english(), () -> { });
        for (char c : PIN.toCharArray()) {
            late.pin().type(c);
        }
        late.pin().submit();
        assertTrue(late.pin().busyProperty().get());
        booth.clock.advance(Duration.ofMinutes(5));
        late.tick();
        assertFalse(late.openProperty().get());
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
        assertEquals(Screen.PIN, late.screenProperty().get());
        assertTrue(late.diagnostics().rows().stream().allMatch(r -> r.statusProperty().get() == null),
                "no diagnostics ran");
        assertEquals(audited("MAINTENANCE_OPENED"), audited("MAINTENANCE_CLOSED"));
    }

    @Test
    void japaneseTextsComeFromTheJapaneseBundle() {
        MaintenanceViewModel ja = new MaintenanceViewModel(ctx, MaintenanceText.japanese(), () -> { });
        assertEquals("保守用の暗証番号（6〜12桁）を入力してください。", ja.pin().messageProperty().get());
        assertNull(ja.diagnostics().rows().get(0).statusProperty().get());
    }
}
