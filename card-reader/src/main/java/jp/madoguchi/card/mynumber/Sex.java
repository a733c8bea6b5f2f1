package jp.madoguchi.card.mynumber;

/** Sex as the card stores it: ISO 5218 codes in ASCII. */
public enum Sex {
    MALE('1'),
    FEMALE('2'),
    NOT_APPLICABLE('9');

    private final char code;

    Sex(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** Parses an ISO 5218 code ("1", "2", "9"); "0" (not known) is not used on the card. */
    public static Sex fromCode(String code) {
        for (Sex s : values()) {
            if (code.length() == 1 && s.code == code.charAt(0)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not an ISO 5218 sex code used on the card: '" + code + "'");
    }
}
