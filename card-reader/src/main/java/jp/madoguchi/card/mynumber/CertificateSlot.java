package jp.madoguchi.card.mynumber;

/** The four certificates in the JPKI-AP. Only the signature certificate needs a PIN to be read. */
public enum CertificateSlot {
    SIGNATURE(MyNumberSpec.EF_JPKI_SIGN_CERT, true),
    SIGNATURE_CA(MyNumberSpec.EF_JPKI_SIGN_CA_CERT, false),
    AUTHENTICATION(MyNumberSpec.EF_JPKI_AUTH_CERT, false),
    AUTHENTICATION_CA(MyNumberSpec.EF_JPKI_AUTH_CA_CERT, false);

    private final int fileId;
    private final boolean needsSignaturePassword;

    CertificateSlot(int fileId, boolean needsSignaturePassword) {
        this.fileId = fileId;
        this.needsSignaturePassword = needsSignaturePassword;
    }

    public int fileId() {
        return fileId;
    }

    public boolean needsSignaturePassword() {
        return needsSignaturePassword;
    }
}
