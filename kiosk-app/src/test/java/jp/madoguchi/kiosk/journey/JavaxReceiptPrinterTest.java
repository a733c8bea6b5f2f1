package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Without a print service the receipt is not printed (and the booth shows the QR code instead). */
class JavaxReceiptPrinterTest {
    @Test
    void noDefaultPrinterMeansNotPrinted() {
        assertFalse(new JavaxReceiptPrinter(() -> null).print("receipt", new byte[] {1}, "MD-20261123-TEST01"));
    }

    @Test
    void aFailingLookupMeansNotPrinted() {
        assertFalse(new JavaxReceiptPrinter(() -> {
            throw new IllegalStateException("no CUPS");
        }).print("receipt", new byte[] {1}, "MD-20261123-TEST01"));
    }

    @Test
    void theNoPrinterPrinterPrintsNothing() {
        assertFalse(ReceiptPrinter.none().print("receipt", new byte[] {1}, "MD-20261123-TEST01"));
    }
}
