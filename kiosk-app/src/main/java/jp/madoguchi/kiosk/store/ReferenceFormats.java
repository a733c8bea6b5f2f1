package jp.madoguchi.kiosk.store;

import java.util.regex.Pattern;

/**
 * The two reference-number formats, the only free text the audit trail and the outbox's clear columns
 * accept: the booth's {@code MD-20261123-K7M3Q9} (forms' {@code FillCommand.newReference}) and
 * headquarters' {@code 20261123-K7M3Q9} ({@code hq-server ReferenceNumbers.datedRandom}). The six
 * characters are checked as upper-case letters and digits, wider than either alphabet so test
 * references such as {@code TEST01} pass; no name, address or 12-digit number fits either shape.
 */
public final class ReferenceFormats {
    private static final Pattern BOOTH = Pattern.compile("MD-[0-9]{8}-[A-Z0-9]{6}");
    private static final Pattern HEADQUARTERS = Pattern.compile("[0-9]{8}-[A-Z0-9]{6}");

    private ReferenceFormats() {
    }

    public static boolean isBoothReference(String reference) {
        return reference != null && BOOTH.matcher(reference).matches();
    }

    public static boolean isReference(String reference) {
        return reference != null
                && (BOOTH.matcher(reference).matches() || HEADQUARTERS.matcher(reference).matches());
    }
}
