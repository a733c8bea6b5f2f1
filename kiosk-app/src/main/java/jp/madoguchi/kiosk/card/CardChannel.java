package jp.madoguchi.kiosk.card;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.jpki.CmsSigner;
import jp.madoguchi.card.jpki.JpkiCertificateInfo;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.KeyKind;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.card.pcsc.CardConnection;
import jp.madoguchi.kiosk.pin.PinSubmission;

/**
 * One resident's card, from the PIN to the signature: one {@link CardConnection} kept open (so the
 * verified PINs stay verified) and one {@link MyNumberCard} service, every exchange on the reader's own
 * single thread. Each operation returns at once with a future; nothing is retried here. A future fails
 * with {@link CardError#NO_ANSWER} when the card has not answered within the deadline
 * ({@link BoothCardReader#CARD_DEADLINE}); the channel is of no more use then: close it.
 *
 * <p>Thread-safe: operations may be called from any thread and run one after the other on the reader's
 * thread. {@link #close()} resets the card (verified PINs end) and blocks up to ten seconds: call it from
 * a worker thread. Nothing here logs or keeps card data.
 */
public final class CardChannel implements AutoCloseable {
    private final CardConnection connection;
    private final Duration deadline;
    private MyNumberCard card; // confined to the reader's thread
    private X509Certificate signatureCertificate; // confined to the reader's thread

    CardChannel(CardConnection connection, Duration deadline) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    private <T> CompletableFuture<T> submit(CardConnection.CardTask<T> task) {
        return connection.submit(task, deadline);
    }

    private MyNumberCard card(jp.madoguchi.card.apdu.ApduTransport transport) {
        if (card == null) {
            card = new MyNumberCard(transport);
        }
        return card;
    }

    /** The tries left of {@code kind}, read without spending one. */
    public CompletableFuture<PinStatus> pinStatus(PinKind kind) {
        Objects.requireNonNull(kind, "kind");
        return submit(transport -> card(transport).pinStatus(kind));
    }

    /**
     * Sends the secret the resident just typed, once, and wipes it (the submission is closed on the
     * reader's thread when the card has answered, or failed).
     */
    public CompletableFuture<PinResult> verify(PinSubmission submission) {
        Objects.requireNonNull(submission, "submission");
        try {
            return submit(transport -> {
                try {
                    return card(transport).verify(submission.kind(), submission.pin());
                } finally {
                    submission.close();
                }
            });
        } catch (RuntimeException rejected) {
            submission.close();
            throw rejected;
        }
    }

    /** The basic 4 info from the text AP (after the text PIN), checked against its integrity record. */
    public CompletableFuture<Basic4Info> readBasic4Info() {
        return submit(transport -> card(transport).readBasic4Info());
    }

    /**
     * The signature certificate's personal fields, for the characters the card substituted (外字). Needs the
     * signature password verified.
     */
    public CompletableFuture<JpkiCertificateInfo> readSignatureCertificateInfo() {
        return submit(transport -> {
            X509Certificate certificate = signatureCertificate(transport);
            try {
                return JpkiCertificateInfo.parse(certificate);
            } catch (CertificateParsingException e) {
                throw new CardException(CardError.MALFORMED_DATA, "the signature certificate cannot be parsed", e);
            }
        });
    }

    /**
     * A CMS SignedData (CAdES-BES, content encapsulated) over {@code payload} with the card's signature key,
     * the signature certificate and its CA embedded. Needs the signature password verified.
     */
    public CompletableFuture<byte[]> signCms(byte[] payload) {
        byte[] content = payload.clone();
        return submit(transport -> {
            MyNumberCard service = card(transport);
            X509Certificate signer = signatureCertificate(transport);
            X509Certificate ca = service.readCertificate(CertificateSlot.SIGNATURE_CA);
            try {
                return new CmsSigner().sign(content, signer, List.of(ca),
                        digestInfo -> service.signDigestInfo(KeyKind.SIGNATURE, digestInfo), true);
            } catch (GeneralSecurityException e) {
                throw new CardException(CardError.MALFORMED_DATA, "the card's signature could not be built: "
                        + e.getClass().getSimpleName(), e);
            }
        });
    }

    private X509Certificate signatureCertificate(jp.madoguchi.card.apdu.ApduTransport transport)
            throws CardException {
        if (signatureCertificate == null) {
            signatureCertificate = card(transport).readCertificate(CertificateSlot.SIGNATURE);
        }
        return signatureCertificate;
    }

    /** Disconnects with a card reset; blocks until done (at most about ten seconds). Idempotent. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "CardChannel[" + connection.readerName() + "]";
    }
}
