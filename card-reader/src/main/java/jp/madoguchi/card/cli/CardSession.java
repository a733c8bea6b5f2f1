package jp.madoguchi.card.cli;

import java.util.concurrent.ExecutionException;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.LoggingTransport;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.pcsc.CardConnection;

/**
 * One command's use of one card: work runs on the reader's own thread (PC/SC) or inline (the
 * in-process emulator). Closing resets the card so nothing stays verified.
 */
final class CardSession implements AutoCloseable {
    /** Work with the card; may fail with a card error or an I/O error. */
    @FunctionalInterface
    interface CardWork<T> {
        T run(MyNumberCard card) throws Exception;
    }

    private final CardConnection connection;
    private final MyNumberCard inProcessCard;

    private CardSession(CardConnection connection, MyNumberCard inProcessCard) {
        this.connection = connection;
        this.inProcessCard = inProcessCard;
    }

    static CardSession pcsc(CardConnection connection) {
        return new CardSession(connection, null);
    }

    static CardSession inProcess(MyNumberCard card) {
        return new CardSession(null, card);
    }

    /**
     * What every card command does around its own work: open the reader, run the work on the
     * card's thread, say a card or file problem in the person's language, and wipe the secret
     * whatever happened.
     *
     * @return the work's exit code, or the one for the problem
     */
    static int run(ReaderOptions reader, Cli cli, boolean verbose, char[] secret, CardWork<Integer> work) throws Exception {
        try (CardSession session = reader.open(cli, verbose)) {
            return session.onCardThread(work);
        } catch (CardException e) {
            return cli.cardError(e);
        } catch (java.io.IOException e) {
            return cli.ioError(e);
        } finally {
            wipe(secret);
        }
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    <T> T onCardThread(CardWork<T> work) throws Exception {
        if (connection == null) {
            return work.run(inProcessCard);
        }
        try {
            return connection.submit(transport -> {
                MyNumberCard card = new MyNumberCard(new LoggingTransport(transport, connection.readerName()));
                try {
                    return work.run(card);
                } catch (CardException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new WrappedFailure(e);
                }
            }).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WrappedFailure wrapped) {
                throw (Exception) wrapped.getCause();
            }
            if (cause instanceof CardException card) {
                throw card;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CardException(CardError.COMMUNICATION, "card work failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }

    /** Carries a checked non-card exception across the reader thread. */
    private static final class WrappedFailure extends RuntimeException {
        WrappedFailure(Exception cause) {
            super(cause);
        }
    }
}
