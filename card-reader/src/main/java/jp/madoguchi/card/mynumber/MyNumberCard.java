package jp.madoguchi.card.mynumber;

import static jp.madoguchi.card.mynumber.MyNumberSpec.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ApduTransport;
import jp.madoguchi.card.apdu.CommandApdu;
import jp.madoguchi.card.apdu.ResponseApdu;
import jp.madoguchi.card.apdu.StatusWords;
import jp.madoguchi.card.tlv.Tlv;
import jp.madoguchi.card.tlv.TlvException;

/**
 * The My Number card protocol over any {@link ApduTransport}: select applications, query and
 * verify PINs, read the basic 4 info, the individual number, the certificates and the token label,
 * and sign with either JPKI key. It never writes to the card.
 *
 * <p>It remembers which application is selected and which PINs are verified in that selection, so
 * it selects only when it must: re-selecting an application drops its verified PINs on the card.
 * Reads use short-EF READ BINARY (no SELECT) and, when extended length is enabled, fetch a whole
 * file in one APDU; the file's own BER header says how long it is. The basic 4 info from a freshly
 * inserted card costs five APDUs: SELECT, tries-left query, VERIFY, READ EF 0002, READ EF 0003.
 *
 * <p>Not thread-safe: one instance per card, used from that reader's single-thread executor.
 * PINs are taken as {@code char[]}; the encoded bytes are wiped after sending; the caller wipes its
 * own array. Nothing here logs.
 */
public final class MyNumberCard {
    /** Response size asked for by the first extended read; larger files take a second read. */
    static final int EXTENDED_FIRST_READ = 4096;

    /**
     * The largest file this service reads (decision 0034): 16 KiB, about ten times the largest JPKI
     * certificate and forty times the largest basic 4 info. A file whose header announces more is
     * refused before any further read, so a hostile card cannot make the booth read (or allocate)
     * more than this.
     */
    public static final int MAX_FILE_LENGTH = 16 * 1024;

    /**
     * The most READ BINARY commands one file may take: every read but the last returns what was
     * asked, so even 256-byte reads of the largest file need {@code MAX_FILE_LENGTH / 256} and one
     * more. A card that answers a few bytes at a time is refused instead of read for minutes.
     */
    static final int MAX_READS_PER_FILE = MAX_FILE_LENGTH / CommandApdu.MAX_SHORT_NE + 2;

    private static final int CLA = 0x00;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_COMPUTE_DS = 0x2A;

    private final ApduTransport transport;
    private final boolean extendedLength;

    private byte[] selectedApplication;
    private final Set<PinKind> verified = EnumSet.noneOf(PinKind.class);
    private byte[] cachedIntegrityRecord;

    /** A card service that uses extended-length reads (as the My Number card and pcscd allow). */
    public MyNumberCard(ApduTransport transport) {
        this(transport, true);
    }

    /** @param extendedLength false for readers that cannot pass extended APDUs: reads go 256 bytes at a time */
    public MyNumberCard(ApduTransport transport, boolean extendedLength) {
        // A card that was pulled or stopped answering has lost its selection and verified PINs.
        this.transport = command -> {
            try {
                return transport.transmit(command);
            } catch (CardException e) {
                if (e.error() == CardError.CARD_REMOVED || e.error() == CardError.COMMUNICATION) {
                    forgetSelection();
                }
                throw e;
            }
        };
        this.extendedLength = extendedLength;
    }

    // ---------------------------------------------------------------- identification

    /**
     * Selects the JPKI-AP: a My Number card is identified by this, never by its ATR.
     *
     * @throws CardException {@link CardError#NOT_A_MY_NUMBER_CARD} when the card has no JPKI-AP
     */
    public void selectJpki() throws CardException {
        selectApplication(AID_JPKI, true);
    }

    /** Selects the text AP (券面事項入力補助AP). */
    public void selectTextAp() throws CardException {
        selectApplication(AID_TEXT, true);
    }

    /** The token label from JPKI EF 0006, trimmed: {@code JPKIAPICCTOKEN2} on a My Number card. */
    public String readTokenLabel() throws CardException {
        ensureApplication(AID_JPKI);
        byte[] info = readFixed(EF_JPKI_TOKEN_INFO, TOKEN_INFO_LENGTH);
        int length = Math.min(TOKEN_LABEL_LENGTH, info.length);
        return new String(info, 0, length, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
    }

    /** Whether EF 0008 says both certificates are on the card ({@code 8F 8F 00}). */
    public boolean certificatesPresent() throws CardException {
        ensureApplication(AID_JPKI);
        byte[] presence = readFixed(EF_JPKI_CERT_PRESENCE, CERT_PRESENCE_BOTH.length);
        return Arrays.equals(presence, CERT_PRESENCE_BOTH);
    }

    // ---------------------------------------------------------------- PINs

    /** Tries left without spending one (VERIFY without data, short-EF form). */
    public PinStatus pinStatus(PinKind kind) throws CardException {
        ensureApplication(kind.application());
        ResponseApdu r = transport.transmit(CommandApdu.of(CLA, INS_VERIFY, 0x00, shortEfP2(kind.fileId())));
        int sw = r.sw();
        if (sw == StatusWords.SUCCESS) {
            verified.add(kind);
            return new PinStatus.AlreadyVerified();
        }
        if (StatusWords.isCounter(sw)) {
            int tries = StatusWords.counterValue(sw);
            return tries == 0 ? new PinStatus.Blocked() : new PinStatus.TriesLeft(tries);
        }
        if (sw == StatusWords.AUTH_METHOD_BLOCKED) {
            return new PinStatus.Blocked();
        }
        throw statusError(sw, "tries-left query for the " + kind + " PIN");
    }

    /**
     * Verifies a PIN. The format is checked first, so a mistyped format never costs a try; the
     * signature password is upper-cased before it is sent. The caller wipes {@code pin}.
     *
     * @throws IllegalArgumentException when the PIN's format is wrong for its kind (see {@link PinFormat})
     */
    public PinResult verify(PinKind kind, char[] pin) throws CardException {
        PinFormat.check(kind, pin);
        ensureApplication(kind.application());
        byte[] command = new byte[5 + pin.length];
        command[0] = CLA;
        command[1] = (byte) INS_VERIFY;
        command[2] = 0x00;
        command[3] = (byte) shortEfP2(kind.fileId());
        command[4] = (byte) pin.length;
        for (int i = 0; i < pin.length; i++) {
            char c = kind == PinKind.SIGNATURE ? Character.toUpperCase(pin[i]) : pin[i];
            command[5 + i] = (byte) c;
        }
        ResponseApdu r;
        try {
            r = ResponseApdu.parse(transport.transmit(command));
        } finally {
            Arrays.fill(command, (byte) 0);
        }
        int sw = r.sw();
        if (sw == StatusWords.SUCCESS) {
            verified.add(kind);
            return new PinResult.Verified();
        }
        verified.remove(kind);
        if (StatusWords.isCounter(sw)) {
            int tries = StatusWords.counterValue(sw);
            return tries == 0 ? new PinResult.Blocked() : new PinResult.Wrong(tries);
        }
        if (sw == StatusWords.AUTH_METHOD_BLOCKED) {
            return new PinResult.Blocked();
        }
        throw statusError(sw, "VERIFY of the " + kind + " PIN");
    }

    /** Whether this service has seen the PIN verified in the current selection. */
    public boolean isVerified(PinKind kind) {
        return verified.contains(kind);
    }

    // ---------------------------------------------------------------- text AP

    /**
     * Reads EF 0002 and checks it against the integrity record (EF 0003). Needs the text PIN.
     *
     * @throws CardException {@link CardError#SECURITY_STATUS_NOT_SATISFIED} before the PIN,
     *     {@link CardError#MALFORMED_DATA} or {@link CardError#INTEGRITY_MISMATCH} for bad data
     */
    public Basic4Info readBasic4Info() throws CardException {
        ensureApplication(AID_TEXT);
        byte[] file = readTlvFile(EF_TEXT_BASIC4);
        try {
            Basic4Info info = TextApParser.parseBasic4(file);
            TextApParser.checkBasic4(file, integrityRecord());
            return info;
        } finally {
            Arrays.fill(file, (byte) 0);
        }
    }

    /** Reads EF 0001 and checks it against the integrity record. Needs the text PIN. */
    public IndividualNumber readIndividualNumber() throws CardException {
        ensureApplication(AID_TEXT);
        byte[] file = readFixed(EF_TEXT_NUMBER, NUMBER_FILE_LENGTH);
        try {
            IndividualNumber number = TextApParser.parseIndividualNumber(file);
            TextApParser.checkNumber(file, integrityRecord());
            return number;
        } finally {
            Arrays.fill(file, (byte) 0);
        }
    }

    private TextApParser.IntegrityRecord integrityRecord() throws CardException {
        if (cachedIntegrityRecord == null) {
            cachedIntegrityRecord = readTlvFile(EF_TEXT_INTEGRITY);
        }
        return TextApParser.parseIntegrity(cachedIntegrityRecord);
    }

    // ---------------------------------------------------------------- JPKI

    /** Reads one certificate; the signature certificate needs the signature password first. */
    public X509Certificate readCertificate(CertificateSlot slot) throws CardException {
        ensureApplication(AID_JPKI);
        byte[] der = readTlvFile(slot.fileId());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new CardException(CardError.MALFORMED_DATA, slot + " certificate is not a valid X.509 certificate", e);
        }
    }

    /**
     * Signs a DER DigestInfo with one of the JPKI keys (COMPUTE DIGITAL SIGNATURE); the card pads
     * it with PKCS#1 v1.5 type 1. The key's PIN must be verified first.
     *
     * @return the 256-byte RSA signature
     */
    public byte[] signDigestInfo(KeyKind key, byte[] digestInfo) throws CardException {
        if (digestInfo.length == 0 || digestInfo.length > MAX_SIGN_INPUT) {
            throw new IllegalArgumentException("a DigestInfo of 1.." + MAX_SIGN_INPUT + " bytes is needed");
        }
        ensureApplication(AID_JPKI);
        selectFile(key.fileId());
        ResponseApdu r = transport.transmit(CommandApdu.of(0x80, INS_COMPUTE_DS, 0x00, 0x80, digestInfo,
                CommandApdu.MAX_SHORT_NE));
        if (r.sw() != StatusWords.SUCCESS) {
            throw statusError(r.sw(), "COMPUTE DIGITAL SIGNATURE with the " + key + " key");
        }
        if (r.dataLength() != 256) {
            throw new CardException(CardError.MALFORMED_DATA,
                    "signature of " + r.dataLength() + " bytes, 256 expected for RSA-2048");
        }
        return r.data();
    }

    /** Signs a SHA-256 hash: wraps it in the SHA-256 DigestInfo and calls {@link #signDigestInfo}. */
    public byte[] signSha256(KeyKind key, byte[] sha256) throws CardException {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash is 32 bytes, got " + sha256.length);
        }
        byte[] digestInfo = Arrays.copyOf(DIGEST_INFO_SHA256, DIGEST_INFO_SHA256.length + 32);
        System.arraycopy(sha256, 0, digestInfo, DIGEST_INFO_SHA256.length, 32);
        return signDigestInfo(key, digestInfo);
    }

    // ---------------------------------------------------------------- selection

    private void ensureApplication(byte[] aid) throws CardException {
        if (selectedApplication == null || !Arrays.equals(selectedApplication, aid)) {
            selectApplication(aid, false);
        }
    }

    private void selectApplication(byte[] aid, boolean explicit) throws CardException {
        // Whatever happens next, the card's selection and verified PINs are no longer what we knew.
        forgetSelection();
        ResponseApdu r = transport.transmit(CommandApdu.of(CLA, INS_SELECT, 0x04, 0x0C, aid));
        if (r.sw() == StatusWords.FILE_NOT_FOUND && Arrays.equals(aid, AID_JPKI)) {
            throw new CardException(CardError.NOT_A_MY_NUMBER_CARD, "the card has no JPKI application", 0x6A82, null);
        }
        if (r.sw() != StatusWords.SUCCESS) {
            throw statusError(r.sw(), "SELECT of " + applicationName(aid));
        }
        selectedApplication = aid.clone();
    }

    /**
     * Forgets what this service knew about the card's state (after a removal, or when another
     * program may have used the card); the next operation selects again.
     */
    public void forgetSelection() {
        selectedApplication = null;
        verified.clear();
        if (cachedIntegrityRecord != null) {
            Arrays.fill(cachedIntegrityRecord, (byte) 0);
            cachedIntegrityRecord = null;
        }
    }

    private void selectFile(int fileId) throws CardException {
        ResponseApdu r = transport.transmit(CommandApdu.of(CLA, INS_SELECT, 0x02, 0x0C,
                new byte[] {(byte) (fileId >> 8), (byte) fileId}));
        if (r.sw() != StatusWords.SUCCESS) {
            throw statusError(r.sw(), String.format("SELECT of EF %04X", fileId));
        }
    }

    // ---------------------------------------------------------------- reading

    /** Reads a file whose length is known from the spec, in one APDU when it fits. */
    private byte[] readFixed(int fileId, int length) throws CardException {
        ResponseApdu first = readFirst(fileId, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        out.writeBytes(first.data());
        continueReading(fileId, out, length);
        return out.toByteArray();
    }

    /** Reads a file that starts with one BER-TLV element, using its header to know where it ends. */
    private byte[] readTlvFile(int fileId) throws CardException {
        ResponseApdu first = readFirst(fileId, extendedLength ? EXTENDED_FIRST_READ : CommandApdu.MAX_SHORT_NE);
        byte[] head = first.data();
        int total;
        try {
            total = Tlv.totalLengthFromHeader(head, head.length);
        } catch (TlvException e) {
            throw new CardException(CardError.MALFORMED_DATA,
                    String.format("EF %04X does not start with a valid TLV header: %s", fileId, e.getMessage()), e);
        }
        if (total < 0) {
            throw new CardException(CardError.MALFORMED_DATA,
                    String.format("EF %04X is too short to hold its own TLV header", fileId));
        }
        if (total > MAX_FILE_LENGTH) {
            throw new CardException(CardError.MALFORMED_DATA, String.format(
                    "EF %04X announces %d bytes; files of more than %d bytes are not read", fileId, total, MAX_FILE_LENGTH));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(total, head.length));
        out.writeBytes(head);
        continueReading(fileId, out, total);
        byte[] all = out.toByteArray();
        if (all.length > total) {
            byte[] exact = Arrays.copyOf(all, total);
            Arrays.fill(all, (byte) 0);
            return exact;
        }
        return all;
    }

    /** First read by short EF identifier: selects the EF and reads from offset 0 in one APDU. */
    private ResponseApdu readFirst(int fileId, int wanted) throws CardException {
        int ne = Math.min(wanted, extendedLength ? CommandApdu.MAX_EXTENDED_NE : CommandApdu.MAX_SHORT_NE);
        ResponseApdu r = transport.transmit(CommandApdu.of(CLA, INS_READ_BINARY, 0x80 | (fileId & 0x1F), 0x00, null, ne));
        if (r.sw() != StatusWords.SUCCESS) {
            throw statusError(r.sw(), String.format("READ BINARY of EF %04X", fileId));
        }
        if (r.dataLength() == 0) {
            throw new CardException(CardError.MALFORMED_DATA, String.format("EF %04X answered no data", fileId));
        }
        requireNoMoreThanAsked(fileId, r, ne);
        return r;
    }

    /** A READ BINARY answer with more bytes than Le asked for is a card out of its mind, not a file. */
    private static void requireNoMoreThanAsked(int fileId, ResponseApdu r, int ne) throws CardException {
        if (r.dataLength() > ne) {
            throw new CardException(CardError.MALFORMED_DATA, String.format(
                    "READ BINARY of EF %04X answered %d bytes, %d asked", fileId, r.dataLength(), ne));
        }
    }

    /** Reads on from what {@code out} holds until it holds {@code total} bytes. */
    private void continueReading(int fileId, ByteArrayOutputStream out, int total) throws CardException {
        int reads = 1;
        while (out.size() < total) {
            if (++reads > MAX_READS_PER_FILE) {
                throw new CardException(CardError.MALFORMED_DATA, String.format(
                        "EF %04X took more than %d READ BINARY commands for %d bytes", fileId, MAX_READS_PER_FILE, total));
            }
            int offset = out.size();
            if (offset > 0x7FFF) {
                throw new CardException(CardError.MALFORMED_DATA,
                        String.format("EF %04X announces %d bytes, more than READ BINARY can address", fileId, total));
            }
            int maxNe = extendedLength ? CommandApdu.MAX_EXTENDED_NE : CommandApdu.MAX_SHORT_NE;
            int ne = Math.min(total - offset, maxNe);
            ResponseApdu r = transport.transmit(CommandApdu.of(CLA, INS_READ_BINARY, offset >> 8, offset & 0xFF, null, ne));
            if (r.sw() == StatusWords.WRONG_P1P2_OFFSET || r.sw() == StatusWords.SUCCESS && r.dataLength() == 0) {
                throw new CardException(CardError.MALFORMED_DATA, String.format(
                        "EF %04X ended after %d bytes, but its header announces %d", fileId, offset, total));
            }
            if (r.sw() != StatusWords.SUCCESS) {
                throw statusError(r.sw(), String.format("READ BINARY of EF %04X at offset %d", fileId, offset));
            }
            requireNoMoreThanAsked(fileId, r, ne);
            out.writeBytes(r.data());
        }
    }

    // ---------------------------------------------------------------- status words

    private static int shortEfP2(int fileId) {
        return 0x80 | (fileId & 0x1F);
    }

    /** Maps a status word the operation did not expect to a typed error. */
    static CardException statusError(int sw, String operation) {
        CardError error;
        switch (sw) {
            case StatusWords.SECURITY_STATUS_NOT_SATISFIED:
                error = CardError.SECURITY_STATUS_NOT_SATISFIED;
                break;
            case StatusWords.AUTH_METHOD_BLOCKED:
                error = CardError.PIN_BLOCKED;
                break;
            case StatusWords.FILE_NOT_FOUND:
                error = CardError.FILE_NOT_FOUND;
                break;
            case StatusWords.WRONG_P1P2_OFFSET:
                error = CardError.END_OF_FILE;
                break;
            case StatusWords.WRONG_LENGTH:
                error = CardError.WRONG_LENGTH;
                break;
            case StatusWords.INCORRECT_P1P2:
            case StatusWords.REFERENCED_DATA_NOT_FOUND:
            case StatusWords.NO_CURRENT_EF:
            case StatusWords.CONDITIONS_NOT_SATISFIED:
            case StatusWords.WRONG_DATA:
                error = CardError.WRONG_PARAMETERS;
                break;
            case StatusWords.INS_NOT_SUPPORTED:
                error = CardError.INS_NOT_SUPPORTED;
                break;
            case StatusWords.CLA_NOT_SUPPORTED:
                error = CardError.CLA_NOT_SUPPORTED;
                break;
            case StatusWords.LOGICAL_CHANNEL_NOT_SUPPORTED:
                error = CardError.LOGICAL_CHANNEL_NOT_SUPPORTED;
                break;
            default:
                error = CardError.UNEXPECTED_STATUS;
        }
        return new CardException(error, String.format("%s answered %04X", operation, sw), sw, null);
    }

    private static String applicationName(byte[] aid) {
        if (Arrays.equals(aid, AID_JPKI)) {
            return "JPKI-AP";
        }
        if (Arrays.equals(aid, AID_TEXT)) {
            return "the text AP";
        }
        return "an application";
    }
}
