package jp.madoguchi.kiosk.maintenance.ui;

/** One waiting application as the outbox table shows it: reference, age, attempts, last error code. */
public record OutboxRow(String reference, String age, String attempts, String lastError) {
}
