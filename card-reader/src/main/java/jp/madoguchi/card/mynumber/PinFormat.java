package jp.madoguchi.card.mynumber;

/**
 * The format each secret must have, checked before anything is sent so that a typing slip never
 * spends one of the card's few tries. Messages never contain the PIN.
 */
public final class PinFormat {
    private PinFormat() {
    }

    /** Whether {@code pin} has the right format for {@code kind} (the password case-insensitively). */
    public static boolean isValid(PinKind kind, char[] pin) {
        if (pin == null) {
            return false;
        }
        if (kind == PinKind.SIGNATURE) {
            if (pin.length < 6 || pin.length > 16) {
                return false;
            }
            for (char c : pin) {
                char u = Character.toUpperCase(c);
                if (!(u >= 'A' && u <= 'Z' || u >= '0' && u <= '9')) {
                    return false;
                }
            }
            return true;
        }
        if (pin.length != 4) {
            return false;
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException describing the expected format (never the PIN) */
    public static void check(PinKind kind, char[] pin) {
        if (!isValid(kind, pin)) {
            throw new IllegalArgumentException(kind == PinKind.SIGNATURE
                    ? "the signature password must be 6 to 16 letters A-Z or digits"
                    : "the PIN must be exactly 4 digits");
        }
    }
}
