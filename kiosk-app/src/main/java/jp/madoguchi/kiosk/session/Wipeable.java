package jp.madoguchi.kiosk.session;

/**
 * Something a session holds that must not outlive it: a PIN or password array, card data, a form preview,
 * the resident's answers. The journey's parts register each one with {@link ResidentSession#register};
 * ending the session calls {@link #wipe()} exactly once.
 */
@FunctionalInterface
public interface Wipeable {
    /** Zeroes or drops what this holds. Should not throw; if it does, the session still wipes the rest. */
    void wipe();

    /**
     * A short, non-personal label for logs (e.g. "pin", "card-data", "preview"), used when a wipe fails.
     * Never the content.
     */
    default String kind() {
        return getClass().getSimpleName().isEmpty() ? "wipeable" : getClass().getSimpleName();
    }
}
