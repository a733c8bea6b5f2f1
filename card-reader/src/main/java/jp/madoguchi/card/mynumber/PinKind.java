package jp.madoguchi.card.mynumber;

/** The three secrets on a My Number card. */
public enum PinKind {
    /** JPKI authentication PIN: 4 digits, 3 tries (EF 0018 in JPKI-AP). */
    AUTHENTICATION(MyNumberSpec.EF_JPKI_AUTH_PIN, 3),
    /** JPKI signature password: 6-16 of A-Z 0-9, upper-cased before sending, 5 tries (EF 001B). */
    SIGNATURE(MyNumberSpec.EF_JPKI_SIGN_PIN, 5),
    /** Input-support (text AP) PIN: 4 digits, 3 tries (EF 0011 in the text AP). */
    TEXT(MyNumberSpec.EF_TEXT_PIN, 3);

    private final int fileId;
    private final int maxTries;

    PinKind(int fileId, int maxTries) {
        this.fileId = fileId;
        this.maxTries = maxTries;
    }

    public int fileId() {
        return fileId;
    }

    public int maxTries() {
        return maxTries;
    }

    /** The AP the PIN lives in. */
    public byte[] application() {
        return this == TEXT ? MyNumberSpec.AID_TEXT.clone() : MyNumberSpec.AID_JPKI.clone();
    }
}
