package jp.madoguchi.kiosk.maintenance;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;

/** A default printer exists for receipts; without one the booth shows receipts as a QR code (a warning). */
public final class PrinterCheck implements Check {
    private final Supplier<Optional<String>> defaultPrinter;

    /** The system's default print service (javax.print). */
    public PrinterCheck() {
        this(PrinterCheck::systemDefaultPrinter);
    }

    PrinterCheck(Supplier<Optional<String>> defaultPrinter) {
        this.defaultPrinter = Objects.requireNonNull(defaultPrinter, "defaultPrinter");
    }

    static Optional<String> systemDefaultPrinter() {
        PrintService service = PrintServiceLookup.lookupDefaultPrintService();
        return service == null ? Optional.empty() : Optional.of(service.getName());
    }

    @Override
    public String titleKey() {
        return "maint.check.printer.title";
    }

    @Override
    public CheckResult run() {
        Optional<String> printer = defaultPrinter.get();
        return printer.map(name -> CheckResult.ok("maint.check.printer.ok", name, name))
                .orElseGet(() -> CheckResult.warn("maint.check.printer.none", ""));
    }
}
