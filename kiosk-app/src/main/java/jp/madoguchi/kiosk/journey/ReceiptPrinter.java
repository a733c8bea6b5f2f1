package jp.madoguchi.kiosk.journey;

/**
 * The booth's receipt printer. {@link #print} is called on a worker thread, never the FX thread, and may
 * block while the printer takes the job. The receipt holds the procedure, the reference number, copies,
 * fee, date and booth: no name, address or birth date.
 */
@FunctionalInterface
public interface ReceiptPrinter {

    /**
     * Prints one receipt.
     *
     * @param text the receipt as plain text ({@code jp.madoguchi.forms.render.ReceiptText})
     * @param png the same receipt as a 1-bit PNG as wide as the paper ({@code ReceiptImage})
     * @param reference the reference number printed on it (for the log; never personal)
     * @return true when a printer took the job; false when there is no printer or it refused (the booth
     *     then shows the QR code instead)
     */
    boolean print(String text, byte[] png, String reference);

    /** For booths without a printer: nothing is printed, the QR code is shown. */
    static ReceiptPrinter none() {
        return (text, png, reference) -> false;
    }
}
