package jp.madoguchi.card.mynumber;

/** The two private keys in the JPKI-AP and the secret each needs. */
public enum KeyKind {
    /** 署名用電子証明書's key (EF 001A), after the signature password. */
    SIGNATURE(MyNumberSpec.EF_JPKI_SIGN_KEY, PinKind.SIGNATURE),
    /** 利用者証明用電子証明書's key (EF 0017), after the authentication PIN. */
    AUTHENTICATION(MyNumberSpec.EF_JPKI_AUTH_KEY, PinKind.AUTHENTICATION);

    private final int fileId;
    private final PinKind pin;

    KeyKind(int fileId, PinKind pin) {
        this.fileId = fileId;
        this.pin = pin;
    }

    public int fileId() {
        return fileId;
    }

    public PinKind pin() {
        return pin;
    }
}
