package jp.madoguchi.kiosk.maintenance;

/** How a diagnostic check came out, worst last. */
public enum CheckStatus {
    OK,
    /** Works, but IT staff should look (e.g. low disk, clock off, no printer). */
    WARN,
    /** Broken: the booth cannot serve residents properly until it is fixed. */
    FAIL
}
