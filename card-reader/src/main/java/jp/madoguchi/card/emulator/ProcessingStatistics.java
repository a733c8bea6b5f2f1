package jp.madoguchi.card.emulator;

/**
 * How much time the emulator itself spent answering APDUs (not the transport around it), so a
 * benchmark can subtract the emulator's cost from what it measures.
 *
 * @param apduCount APDUs answered
 * @param totalNanos nanoseconds spent inside the emulator for them
 */
public record ProcessingStatistics(long apduCount, long totalNanos) {
    /** Mean nanoseconds per APDU, 0 when none was answered. */
    public double averageNanos() {
        return apduCount == 0 ? 0 : (double) totalNanos / apduCount;
    }
}
