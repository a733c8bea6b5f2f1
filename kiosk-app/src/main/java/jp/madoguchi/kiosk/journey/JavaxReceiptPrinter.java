package jp.madoguchi.kiosk.journey;

import java.io.ByteArrayInputStream;
import java.util.Objects;
import java.util.function.Supplier;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;
import javax.print.attribute.HashPrintRequestAttributeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the receipt's PNG on the operating system's default print service (CUPS on Debian, the spooler on
 * Windows) through {@code javax.print}. No default printer, a printer that cannot take PNG, or a failed
 * job: {@code false}, and the booth shows the QR code. Thread-safe.
 */
public final class JavaxReceiptPrinter implements ReceiptPrinter {
    private static final Logger log = LoggerFactory.getLogger(JavaxReceiptPrinter.class);

    private final Supplier<PrintService> service;

    /** The default print service, looked up for every receipt (a printer plugged in later is found). */
    public JavaxReceiptPrinter() {
        this(PrintServiceLookup::lookupDefaultPrintService);
    }

    /** @param service gives the print service to use, or null for none */
    public JavaxReceiptPrinter(Supplier<PrintService> service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public boolean print(String text, byte[] png, String reference) {
        PrintService printer;
        try {
            printer = service.get();
        } catch (RuntimeException e) {
            log.warn("looking up the receipt printer failed: {}", e.getClass().getName());
            return false;
        }
        if (printer == null) {
            log.info("no default printer: receipt {} shown as a QR code", reference);
            return false;
        }
        DocFlavor flavor = DocFlavor.INPUT_STREAM.PNG;
        if (!printer.isDocFlavorSupported(flavor)) {
            log.warn("printer {} does not take PNG: receipt {} shown as a QR code", printer.getName(), reference);
            return false;
        }
        try {
            DocPrintJob job = printer.createPrintJob();
            job.print(new SimpleDoc(new ByteArrayInputStream(png), flavor, null), new HashPrintRequestAttributeSet());
            log.info("receipt {} sent to printer {}", reference, printer.getName());
            return true;
        } catch (PrintException | RuntimeException e) {
            log.warn("printing receipt {} failed: {}", reference, e.getClass().getName());
            return false;
        }
    }
}
