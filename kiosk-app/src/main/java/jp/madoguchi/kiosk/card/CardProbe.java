package jp.madoguchi.kiosk.card;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.card.pcsc.CardConnection;
import jp.madoguchi.card.pcsc.ReaderInfo;
import jp.madoguchi.card.pcsc.Readers;

/**
 * One-shot questions about the reader for the maintenance screen's diagnostics (added with
 * jp.madoguchi.kiosk.maintenance): is the PC/SC service there, which readers, and can the card in one be
 * read. Never asks for or spends a PIN: the tries left come from a VERIFY without data. Blocking: call it
 * from an executor, never the FX thread. Thread-safe (holds only the {@link Readers}).
 */
public final class CardProbe {
    private static final int CARD_TIMEOUT_SECONDS = 10;

    private final Readers readers;

    public CardProbe(Readers readers) {
        this.readers = Objects.requireNonNull(readers, "readers");
    }

    /** What the PC/SC service says now. */
    public record ReaderSurvey(boolean serviceRunning, List<String> readers, List<String> readersWithCard,
                               String problem) {
        public ReaderSurvey {
            readers = List.copyOf(readers);
            readersWithCard = List.copyOf(readersWithCard);
            problem = problem == null ? "" : problem;
        }
    }

    /**
     * What the card in a reader answered: its JPKI token label and the authentication PIN's state, or the
     * typed error. No personal data is read.
     */
    public record CardReading(String readerName, Optional<String> tokenLabel, Optional<Integer> authTriesLeft,
                              boolean authBlocked, Optional<CardError> error, String detail) {
        public boolean readable() {
            return error.isEmpty();
        }
    }

    public ReaderSurvey survey() {
        try {
            List<ReaderInfo> found = readers.list();
            return new ReaderSurvey(true, found.stream().map(ReaderInfo::name).toList(),
                    found.stream().filter(ReaderInfo::cardPresent).map(ReaderInfo::name).toList(), "");
        } catch (CardException e) {
            return new ReaderSurvey(e.error() != CardError.NO_PCSC_SERVICE, List.of(), List.of(),
                    e.error() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new ReaderSurvey(false, List.of(), List.of(), String.valueOf(e));
        }
    }

    /** Connects to the card in {@code readerName}, reads the token label and the PIN's tries left, disconnects. */
    public CardReading readCard(String readerName) {
        try (CardConnection connection = readers.connect(readerName)) {
            return connection.submit(transport -> {
                MyNumberCard card = new MyNumberCard(transport);
                String label = card.readTokenLabel();
                PinStatus status = card.pinStatus(PinKind.AUTHENTICATION);
                Optional<Integer> tries = status instanceof PinStatus.TriesLeft left ? Optional.of(left.tries())
                        : Optional.empty();
                return new CardReading(readerName, Optional.of(label), tries, status instanceof PinStatus.Blocked,
                        Optional.empty(), "");
            }).get(CARD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (CardException e) {
            return failed(readerName, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CardException typed) {
                return failed(readerName, typed);
            }
            return new CardReading(readerName, Optional.empty(), Optional.empty(), false,
                    Optional.of(CardError.COMMUNICATION), String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            return new CardReading(readerName, Optional.empty(), Optional.empty(), false,
                    Optional.of(CardError.COMMUNICATION), "no answer within " + CARD_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CardReading(readerName, Optional.empty(), Optional.empty(), false,
                    Optional.of(CardError.COMMUNICATION), "interrupted");
        }
    }

    private static CardReading failed(String readerName, CardException e) {
        return new CardReading(readerName, Optional.empty(), Optional.empty(), false, Optional.of(e.error()),
                e.error() + ": " + e.getMessage());
    }
}
