package jp.madoguchi.card.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CommandApdu;
import jp.madoguchi.card.apdu.MalformedApduException;
import jp.madoguchi.card.apdu.ResponseApdu;
import jp.madoguchi.card.apdu.StatusWords;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.TextApEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A software My Number card that answers APDUs byte for byte as shared/design/mynumber-card.md
 * describes: the JPKI-AP with certificates, keys and two PINs, the text AP with the number, the
 * basic 4 info, the integrity record and its PIN, and empty card-surface and 住基 APs.
 *
 * <p>PIN counters live in this object and survive {@link #powerOff()}, {@link #powerOn()} and
 * {@link #reset()}; those clear the selection and every verified PIN. The card starts powered.
 *
 * <p>Where the spec is silent this card answers:
 * <ul>
 *   <li>READ BINARY of a key or PIN EF: {@code 6982} (the EF exists but is never readable);</li>
 *   <li>READ BINARY with no current EF: {@code 6986};</li>
 *   <li>VERIFY whose PIN reference is not a PIN of the selected AP (no AP, current EF not a PIN,
 *       short EF id of something else): {@code 6A88};</li>
 *   <li>COMPUTE DIGITAL SIGNATURE with no key EF current: {@code 6985}; checks run in the order
 *       P1/P2, key EF, data length, PIN;</li>
 *   <li>a wrong PIN also ends that PIN's verified state (ISO 7816-4 allows it; it is safer);</li>
 *   <li>a failed SELECT (unknown AID or EF) leaves the selection and verified PINs as they were;</li>
 *   <li>SELECT with P2 {@code 00} answers {@code 9000} without FCI, like P2 {@code 0C};</li>
 *   <li>a short-EF READ BINARY makes that EF current; a short-form VERIFY does not;</li>
 *   <li>VERIFY and COMPUTE DIGITAL SIGNATURE accept an absent Le; VERIFY with an Le is {@code 6700};</li>
 *   <li>instructions are known only in their own class ({@code 00}: SELECT, VERIFY, READ BINARY;
 *       {@code 80}: COMPUTE DIGITAL SIGNATURE); any other pairing is {@code 6D00};</li>
 *   <li>a command to an unpowered card throws {@link CardError#COMMUNICATION}.</li>
 * </ul>
 *
 * <p>Thread-safe: every public method is synchronized. Never logs PINs or card data; at debug
 * level it logs only INS and SW.
 */
public final class EmulatedMyNumberCard implements VirtualCard {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedMyNumberCard.class);

    /** Contact ATR seen on real cards. */
    private static final byte[] ATR = jp.madoguchi.card.apdu.Hex.decode("3BDA13FF8131FB468012392F31C173C601C03B");

    private static final int CLA_INTERINDUSTRY = 0x00;
    private static final int CLA_PROPRIETARY = 0x80;
    private static final int CLA_CHANNEL_BITS = 0x03;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_COMPUTE_SIGNATURE = 0x2A;
    private static final int SELECT_BY_AID = 0x04;
    private static final int SELECT_BY_FID = 0x02;
    private static final int SELECT_NO_RESPONSE_DATA = 0x0C;
    private static final int SELECT_RETURN_FCI = 0x00;
    private static final int SHORT_EF_FLAG = 0x80;
    private static final int SHORT_EF_MASK = 0x1F;
    private static final int VERIFY_P2_CURRENT_EF = 0x80;
    private static final int SIGN_P1 = 0x00;
    private static final int SIGN_P2 = 0x80;
    private static final int MAX_OFFSET = 0x7FFF;

    /** The applications on the card. */
    private enum Application {
        JPKI(MyNumberSpec.AID_JPKI),
        TEXT(MyNumberSpec.AID_TEXT),
        SURFACE(MyNumberSpec.AID_SURFACE),
        JUKI(MyNumberSpec.AID_JUKI);

        private final byte[] aid;

        Application(byte[] aid) {
            this.aid = aid;
        }

        static Application byAid(byte[] aid) {
            for (Application application : values()) {
                if (Arrays.equals(application.aid, aid)) {
                    return application;
                }
            }
            return null;
        }
    }

    /** One EF of an application, found by its file id or its short EF id (the FID's low 5 bits). */
    private sealed interface ElementaryFile {
        int fileId();

        default int shortId() {
            return fileId() & SHORT_EF_MASK;
        }
    }

    /** Readable data, free or behind a PIN ({@code readPin} null when free). */
    private record DataFile(int fileId, byte[] content, PinKind readPin) implements ElementaryFile {
    }

    /** A PIN: VERIFY compares against it; never readable. */
    private record PinFile(int fileId, PinKind kind) implements ElementaryFile {
    }

    /** A private key: COMPUTE DIGITAL SIGNATURE uses it once {@code usePin} is verified; never readable. */
    private record KeyFile(int fileId, PinKind usePin, PrivateKey key) implements ElementaryFile {
    }

    private final Persona persona;
    private final Map<Application, Map<Integer, ElementaryFile>> files = new EnumMap<>(Application.class);
    private final Map<PinKind, byte[]> secrets = new EnumMap<>(PinKind.class);
    private final Map<PinKind, Integer> triesLeft = new EnumMap<>(PinKind.class);
    private final Set<PinKind> verified = EnumSet.noneOf(PinKind.class);

    private boolean powered = true;
    private Application selectedApplication;
    private ElementaryFile currentFile;
    private long apduCount;
    private long processingNanos;

    /**
     * Builds the card's files from a persona and what the authority issued for it.
     *
     * @param persona the holder: text AP contents, PINs and starting tries
     * @param credentials certificates and private keys for the JPKI-AP
     * @param integrityIssuerKey the RSA-2048 key that signs the text AP's integrity record (EF 0003)
     */
    public EmulatedMyNumberCard(Persona persona, IssuedCredentials credentials, PrivateKey integrityIssuerKey) {
        this.persona = Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(integrityIssuerKey, "integrityIssuerKey");

        Map<Integer, ElementaryFile> jpki = new HashMap<>();
        add(jpki, new DataFile(MyNumberSpec.EF_JPKI_SIGN_CERT, der(credentials.signatureCertificate()),
                PinKind.SIGNATURE));
        add(jpki, new DataFile(MyNumberSpec.EF_JPKI_SIGN_CA_CERT, der(credentials.signatureCaCertificate()), null));
        add(jpki, new DataFile(MyNumberSpec.EF_JPKI_AUTH_CERT, der(credentials.authenticationCertificate()), null));
        add(jpki, new DataFile(MyNumberSpec.EF_JPKI_AUTH_CA_CERT,
                der(credentials.authenticationCaCertificate()), null));
        add(jpki, new DataFile(MyNumberSpec.EF_JPKI_TOKEN_INFO, tokenInfo(persona.tokenLabel()), null));
        add(jpki, new DataFile(MyNumberSpec.EF_JPKI_CERT_PRESENCE, MyNumberSpec.CERT_PRESENCE_BOTH.clone(), null));
        add(jpki, new KeyFile(MyNumberSpec.EF_JPKI_AUTH_KEY, PinKind.AUTHENTICATION,
                Objects.requireNonNull(credentials.authenticationKey(), "authenticationKey")));
        add(jpki, new PinFile(MyNumberSpec.EF_JPKI_AUTH_PIN, PinKind.AUTHENTICATION));
        add(jpki, new KeyFile(MyNumberSpec.EF_JPKI_SIGN_KEY, PinKind.SIGNATURE,
                Objects.requireNonNull(credentials.signatureKey(), "signatureKey")));
        add(jpki, new PinFile(MyNumberSpec.EF_JPKI_SIGN_PIN, PinKind.SIGNATURE));
        files.put(Application.JPKI, jpki);

        byte[] numberFile = TextApEncoder.individualNumber(persona.individualNumber());
        byte[] basic4File = TextApEncoder.basic4(persona.basic4());
        byte[] integrityFile = TextApEncoder.integrityRecord(numberFile, basic4File, integrityIssuerKey);
        Map<Integer, ElementaryFile> text = new HashMap<>();
        add(text, new DataFile(MyNumberSpec.EF_TEXT_NUMBER, numberFile, PinKind.TEXT));
        add(text, new DataFile(MyNumberSpec.EF_TEXT_BASIC4, basic4File, PinKind.TEXT));
        add(text, new DataFile(MyNumberSpec.EF_TEXT_INTEGRITY, integrityFile, PinKind.TEXT));
        add(text, new PinFile(MyNumberSpec.EF_TEXT_PIN, PinKind.TEXT));
        files.put(Application.TEXT, text);

        files.put(Application.SURFACE, Map.of());
        files.put(Application.JUKI, Map.of());

        for (PinKind kind : PinKind.values()) {
            secrets.put(kind, persona.secret(kind).getBytes(StandardCharsets.US_ASCII));
            triesLeft.put(kind, persona.triesLeft(kind));
        }
    }

    /** The persona this card was made from. */
    public Persona persona() {
        return persona;
    }

    @Override
    public synchronized byte[] atr() {
        return ATR.clone();
    }

    @Override
    public synchronized void powerOn() {
        powered = true;
        clearSession();
    }

    @Override
    public synchronized void powerOff() {
        powered = false;
        clearSession();
    }

    @Override
    public synchronized void reset() {
        powered = true;
        clearSession();
    }

    /** Whether the card has power (it starts powered). */
    public synchronized boolean isPowered() {
        return powered;
    }

    /** Tries left on a PIN now; 0 means blocked. */
    public synchronized int triesLeft(PinKind kind) {
        return triesLeft.get(kind);
    }

    /** Whether a PIN is verified in the current selection. */
    public synchronized boolean isVerified(PinKind kind) {
        return verified.contains(kind);
    }

    /** Time spent inside {@link #transmit(byte[])} so far. */
    public synchronized ProcessingStatistics processingStatistics() {
        return new ProcessingStatistics(apduCount, processingNanos);
    }

    /** Starts the processing-time statistic again from zero. */
    public synchronized void resetProcessingStatistics() {
        apduCount = 0;
        processingNanos = 0;
    }

    /**
     * Answers one command APDU with data followed by SW1 SW2.
     *
     * @throws CardException {@link CardError#COMMUNICATION} when the card is not powered
     */
    @Override
    public synchronized byte[] transmit(byte[] command) throws CardException {
        if (!powered) {
            throw new CardException(CardError.COMMUNICATION, "the emulated card is not powered");
        }
        long start = System.nanoTime();
        byte[] response = process(command);
        processingNanos += System.nanoTime() - start;
        apduCount++;
        if (LOG.isDebugEnabled()) {
            int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
            LOG.debug("INS {} -> SW {}", command != null && command.length > 1 ? String.format("%02X", command[1]) : "--",
                    String.format("%04X", sw));
        }
        return response;
    }

    private byte[] process(byte[] raw) {
        CommandApdu command;
        try {
            command = CommandApdu.parse(raw);
        } catch (MalformedApduException e) {
            return status(StatusWords.WRONG_LENGTH);
        }
        int baseClass = command.cla() & ~CLA_CHANNEL_BITS;
        if (baseClass != CLA_INTERINDUSTRY && baseClass != CLA_PROPRIETARY) {
            return status(StatusWords.CLA_NOT_SUPPORTED);
        }
        if ((command.cla() & CLA_CHANNEL_BITS) != 0) {
            return status(StatusWords.LOGICAL_CHANNEL_NOT_SUPPORTED);
        }
        if (baseClass == CLA_INTERINDUSTRY) {
            return switch (command.ins()) {
                case INS_SELECT -> select(command);
                case INS_VERIFY -> verify(command);
                case INS_READ_BINARY -> readBinary(command);
                default -> status(StatusWords.INS_NOT_SUPPORTED);
            };
        }
        return command.ins() == INS_COMPUTE_SIGNATURE ? computeSignature(command)
                : status(StatusWords.INS_NOT_SUPPORTED);
    }

    // SELECT -----------------------------------------------------------------------------------

    private byte[] select(CommandApdu command) {
        if (command.p2() != SELECT_NO_RESPONSE_DATA && command.p2() != SELECT_RETURN_FCI) {
            return status(StatusWords.INCORRECT_P1P2);
        }
        byte[] data = command.data();
        return switch (command.p1()) {
            case SELECT_BY_AID -> selectApplication(data);
            case SELECT_BY_FID -> selectFile(data);
            default -> status(StatusWords.INCORRECT_P1P2);
        };
    }

    private byte[] selectApplication(byte[] aid) {
        if (aid.length == 0) {
            return status(StatusWords.WRONG_LENGTH);
        }
        Application application = Application.byAid(aid);
        if (application == null) {
            return status(StatusWords.FILE_NOT_FOUND);
        }
        selectedApplication = application;
        currentFile = null;
        verified.clear();
        return status(StatusWords.SUCCESS);
    }

    private byte[] selectFile(byte[] fileId) {
        if (fileId.length != 2) {
            return status(StatusWords.WRONG_LENGTH);
        }
        ElementaryFile file = fileInSelectedApplication(((fileId[0] & 0xFF) << 8) | (fileId[1] & 0xFF));
        if (file == null) {
            return status(StatusWords.FILE_NOT_FOUND);
        }
        currentFile = file;
        return status(StatusWords.SUCCESS);
    }

    // VERIFY -----------------------------------------------------------------------------------

    private byte[] verify(CommandApdu command) {
        if (command.ne() != CommandApdu.NO_LE) {
            return status(StatusWords.WRONG_LENGTH);
        }
        if (command.p1() != 0 || (command.p2() & ~SHORT_EF_MASK) != SHORT_EF_FLAG) {
            return status(StatusWords.INCORRECT_P1P2);
        }
        ElementaryFile pinFile = command.p2() == VERIFY_P2_CURRENT_EF ? currentFile
                : fileInSelectedApplicationByShortId(command.p2() & SHORT_EF_MASK);
        if (!(pinFile instanceof PinFile pin)) {
            return status(StatusWords.REFERENCED_DATA_NOT_FOUND);
        }
        PinKind kind = pin.kind();
        int tries = triesLeft.get(kind);
        byte[] attempt = command.data();
        try {
            if (tries == 0) {
                return status(StatusWords.AUTH_METHOD_BLOCKED);
            }
            if (attempt.length == 0) {
                return verified.contains(kind) ? status(StatusWords.SUCCESS)
                        : status(StatusWords.COUNTER_BASE | tries);
            }
            if (MessageDigest.isEqual(attempt, secrets.get(kind))) {
                triesLeft.put(kind, kind.maxTries());
                verified.add(kind);
                return status(StatusWords.SUCCESS);
            }
            triesLeft.put(kind, tries - 1);
            verified.remove(kind);
            return status(StatusWords.COUNTER_BASE | (tries - 1));
        } finally {
            Arrays.fill(attempt, (byte) 0);
            command.wipe();
        }
    }

    // READ BINARY ------------------------------------------------------------------------------

    private byte[] readBinary(CommandApdu command) {
        if (command.data().length != 0 || command.ne() == CommandApdu.NO_LE) {
            return status(StatusWords.WRONG_LENGTH);
        }
        int offset;
        ElementaryFile file;
        if ((command.p1() & SHORT_EF_FLAG) != 0) {
            int shortId = command.p1() & SHORT_EF_MASK;
            if ((command.p1() & ~(SHORT_EF_FLAG | SHORT_EF_MASK)) != 0 || shortId == 0) {
                return status(StatusWords.INCORRECT_P1P2);
            }
            file = fileInSelectedApplicationByShortId(shortId);
            if (file == null) {
                return status(StatusWords.FILE_NOT_FOUND);
            }
            currentFile = file;
            offset = command.p2();
        } else {
            file = currentFile;
            if (file == null) {
                return status(StatusWords.NO_CURRENT_EF);
            }
            offset = ((command.p1() << 8) | command.p2()) & MAX_OFFSET;
        }
        if (!(file instanceof DataFile data)) {
            return status(StatusWords.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (data.readPin() != null && !verified.contains(data.readPin())) {
            return status(StatusWords.SECURITY_STATUS_NOT_SATISFIED);
        }
        byte[] content = data.content();
        if (offset >= content.length) {
            return status(StatusWords.WRONG_P1P2_OFFSET);
        }
        int count = Math.min(command.ne(), content.length - offset);
        return new ResponseApdu(Arrays.copyOfRange(content, offset, offset + count), StatusWords.SUCCESS).encode();
    }

    // COMPUTE DIGITAL SIGNATURE ----------------------------------------------------------------

    private byte[] computeSignature(CommandApdu command) {
        if (command.p1() != SIGN_P1 || command.p2() != SIGN_P2) {
            return status(StatusWords.INCORRECT_P1P2);
        }
        if (!(currentFile instanceof KeyFile keyFile)) {
            return status(StatusWords.CONDITIONS_NOT_SATISFIED);
        }
        byte[] input = command.data();
        if (input.length == 0 || input.length > MyNumberSpec.MAX_SIGN_INPUT) {
            return status(StatusWords.WRONG_LENGTH);
        }
        if (!verified.contains(keyFile.usePin())) {
            return status(StatusWords.SECURITY_STATUS_NOT_SATISFIED);
        }
        try {
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(keyFile.key());
            rsa.update(input);
            return new ResponseApdu(rsa.sign(), StatusWords.SUCCESS).encode();
        } catch (GeneralSecurityException e) {
            LOG.warn("RSA signing failed inside the emulator: {}", e.getClass().getSimpleName());
            return status(StatusWords.NO_PRECISE_DIAGNOSIS);
        }
    }

    // helpers ----------------------------------------------------------------------------------

    private ElementaryFile fileInSelectedApplication(int fileId) {
        return selectedApplication == null ? null : files.get(selectedApplication).get(fileId);
    }

    private ElementaryFile fileInSelectedApplicationByShortId(int shortId) {
        if (selectedApplication == null) {
            return null;
        }
        for (ElementaryFile file : files.get(selectedApplication).values()) {
            if (file.shortId() == shortId) {
                return file;
            }
        }
        return null;
    }

    private void clearSession() {
        selectedApplication = null;
        currentFile = null;
        verified.clear();
    }

    private static void add(Map<Integer, ElementaryFile> application, ElementaryFile file) {
        application.put(file.fileId(), file);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return Objects.requireNonNull(certificate, "certificate").getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    /** EF 0006: the label padded with spaces to 32 bytes, then zero bytes up to 160. */
    private static byte[] tokenInfo(String label) {
        byte[] info = new byte[MyNumberSpec.TOKEN_INFO_LENGTH];
        Arrays.fill(info, 0, MyNumberSpec.TOKEN_LABEL_LENGTH, (byte) ' ');
        byte[] ascii = label.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, info, 0, ascii.length);
        return info;
    }

    private static byte[] status(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    @Override
    public String toString() {
        return "EmulatedMyNumberCard[" + persona.id() + "]";
    }
}
