package jp.madoguchi.card.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FaultyCard} should go wrong, and when: take the card out (before or after the
 * command reached it), cut or garble a response, answer a wrong status word, stop answering, or make
 * every APDU slow. Each of these fires once, on the first APDU that matches its {@link Trigger}.
 *
 * <p>A plan can also make the card <em>hostile</em> for as long as it is in the reader (issue 9):
 * serve other bytes as a file's content ({@link Builder#serveFile}: headers that lie about the
 * length, a "1 MB" certificate, names that are not text), never signal a file's end
 * ({@link Builder#endlessFile}), answer every READ BINARY with more or fewer bytes than asked and
 * {@code 9000} ({@link Builder#readBinaryLengthOffBy}), or answer {@code 61xx} to every GET
 * RESPONSE ({@link Builder#moreDataForever}). Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.builder()
 *         .removeCard(Trigger.onIns(0xB0, 2))          // during the second READ BINARY
 *         .garbleData(Trigger.atApdu(5), 0)            // flip the first data byte of APDU 5
 *         .delayEachApdu(Duration.ofMillis(30))
 *         .build();
 * }</pre>
 */
public final class FaultPlan {
    private final List<Fault> faults;
    private final Duration delayPerApdu;
    private final List<ServedFile> servedFiles;
    private final int readBinaryLengthOffBy;

    private FaultPlan(List<Fault> faults, Duration delayPerApdu, List<ServedFile> servedFiles,
            int readBinaryLengthOffBy) {
        this.faults = List.copyOf(faults);
        this.delayPerApdu = delayPerApdu;
        this.servedFiles = List.copyOf(servedFiles);
        this.readBinaryLengthOffBy = readBinaryLengthOffBy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plan with no faults and no delay. */
    public static FaultPlan none() {
        return builder().build();
    }

    /** The faults, in the order they were added. */
    public List<Fault> faults() {
        return faults;
    }

    /** Added before every APDU is forwarded; zero for none. */
    public Duration delayPerApdu() {
        return delayPerApdu;
    }

    /** Files whose content the card serves instead of its own. */
    public List<ServedFile> servedFiles() {
        return servedFiles;
    }

    /**
     * Bytes added to (positive) or taken from (negative) every READ BINARY answer that has data and
     * {@code 9000}; zero for none.
     */
    public int readBinaryLengthOffBy() {
        return readBinaryLengthOffBy;
    }

    /**
     * A file the card serves instead of its own: READ BINARY of EF {@code fileId} while the
     * application {@code aid} is selected answers from {@code content} (at or past its end
     * {@code 6B00}, as the card does), unless the card itself refuses the read (e.g. {@code 6982}
     * before the PIN: access rules still hold). {@code endless}: the content is followed by
     * {@code 00} bytes without end, so no read ever reaches the end of the file.
     */
    public record ServedFile(byte[] aid, int fileId, byte[] content, boolean endless) {
        public ServedFile {
            aid = Objects.requireNonNull(aid, "aid").clone();
            content = Objects.requireNonNull(content, "content").clone();
            if (fileId < 0 || fileId > 0xFFFF) {
                throw new IllegalArgumentException("a file id is two bytes");
            }
        }

        @Override
        public byte[] aid() {
            return aid.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        boolean matches(byte[] selectedAid, int selectedFile) {
            return selectedAid != null && java.util.Arrays.equals(aid, selectedAid) && fileId == selectedFile;
        }

        /** The answer to READ BINARY at {@code offset} for {@code ne} bytes, status word included. */
        byte[] read(int offset, int ne) {
            if (!endless && offset >= content.length) {
                return new byte[] {0x6B, 0x00};
            }
            int available = endless ? ne : Math.min(ne, content.length - offset);
            byte[] answer = new byte[available + 2];
            for (int i = 0; i < available; i++) {
                int at = offset + i;
                answer[i] = at < content.length ? content[at] : 0;
            }
            answer[available] = (byte) 0x90;
            answer[available + 1] = 0x00;
            return answer;
        }

        @Override
        public String toString() {
            return String.format("ServedFile[EF %04X, %d bytes%s]", fileId, content.length, endless ? ", endless" : "");
        }
    }

    /**
     * Which APDU a fault hits. APDUs are counted from 1 over everything sent through the
     * {@link FaultyCard}, including those that failed.
     *
     * @param apduNumber the n-th APDU overall, or 0 when matching by instruction
     * @param ins the instruction byte to match, or -1 when matching by number
     * @param occurrence with {@code ins}: the k-th APDU with that instruction (from 1)
     */
    public record Trigger(int apduNumber, int ins, int occurrence) {
        public Trigger {
            boolean byNumber = apduNumber >= 1 && ins == -1 && occurrence == 0;
            boolean byIns = apduNumber == 0 && ins >= 0 && ins <= 0xFF && occurrence >= 1;
            if (!byNumber && !byIns) {
                throw new IllegalArgumentException("a trigger is either an APDU number from 1 or an INS with an occurrence from 1");
            }
        }

        /** The n-th APDU sent through the card (from 1). */
        public static Trigger atApdu(int n) {
            return new Trigger(n, -1, 0);
        }

        /** The next APDU with this instruction byte, e.g. {@code 0xB0} for READ BINARY. */
        public static Trigger onIns(int ins) {
            return new Trigger(0, ins, 1);
        }

        /** The k-th APDU with this instruction byte (from 1). */
        public static Trigger onIns(int ins, int occurrence) {
            return new Trigger(0, ins, occurrence);
        }

        boolean matches(int apduCount, int ins, int insCount) {
            return apduNumber > 0 ? apduCount == apduNumber : ins == this.ins && insCount == occurrence;
        }
    }

    /** One fault: what happens when its trigger matches. */
    public sealed interface Fault {
        Trigger trigger();

        /**
         * The card is taken out before the command reaches it: transmit throws
         * {@link jp.madoguchi.card.CardError#CARD_REMOVED}, and so does every later APDU until the
         * card is reinserted.
         */
        record RemoveCard(Trigger trigger) implements Fault {
        }

        /**
         * The command reaches the card and the card acts on it (a VERIFY counts, a signature is
         * made), then the card is taken out before its answer comes back: transmit throws
         * {@link jp.madoguchi.card.CardError#CARD_REMOVED} as for {@link RemoveCard}.
         */
        record RemoveCardAfter(Trigger trigger) implements Fault {
        }

        /**
         * The card stops answering: the command never gets an answer. Transmit blocks until the card
         * is taken out ({@link FaultyCard#removeNow()}, or the reader's removal, which calls
         * {@link FaultyCard#pulledOut()}), then throws {@link jp.madoguchi.card.CardError#CARD_REMOVED};
         * an interrupted thread gets {@link jp.madoguchi.card.CardError#COMMUNICATION}.
         */
        record Hang(Trigger trigger) implements Fault {
        }

        /**
         * The command reaches the card (and acts on it), but the answer is this status word alone,
         * without data: {@code 6F00}, {@code 6700}, {@code 63C2} to a SELECT, {@code 9000} to a
         * wrong PIN...
         */
        record AnswerStatus(Trigger trigger, int sw) implements Fault {
        }

        /**
         * The command is answered {@code 61 10} with 16 bytes, and so is every GET RESPONSE
         * ({@code 00 C0}) after it, for as long as the card is in: the response never ends.
         */
        record MoreDataForever(Trigger trigger) implements Fault {
        }

        /** The raw response (data and SW) is cut to its first {@code keepBytes} bytes. */
        record TruncateResponse(Trigger trigger, int keepBytes) implements Fault {
        }

        /** The data part is cut to {@code keepDataBytes} bytes; the status word is kept. */
        record TruncateData(Trigger trigger, int keepDataBytes) implements Fault {
        }

        /**
         * The data byte at {@code dataIndex} has all its bits flipped; the status word is kept. A
         * response with no byte at that index is left as it is.
         */
        record GarbleData(Trigger trigger, int dataIndex) implements Fault {
        }
    }

    /** Collects faults; not thread-safe. */
    public static final class Builder {
        private final List<Fault> faults = new ArrayList<>();
        private final List<ServedFile> servedFiles = new ArrayList<>();
        private Duration delayPerApdu = Duration.ZERO;
        private int readBinaryLengthOffBy;
        private Trigger moreDataForever;

        private Builder() {
        }

        public Builder removeCard(Trigger trigger) {
            faults.add(new Fault.RemoveCard(Objects.requireNonNull(trigger)));
            return this;
        }

        /** The command reaches the card, then the card is pulled before it answers. */
        public Builder removeCardAfter(Trigger trigger) {
            faults.add(new Fault.RemoveCardAfter(Objects.requireNonNull(trigger)));
            return this;
        }

        /** The card stops answering at this command (until it is taken out). */
        public Builder hang(Trigger trigger) {
            faults.add(new Fault.Hang(Objects.requireNonNull(trigger)));
            return this;
        }

        /** The card answers this status word alone to the command (after acting on it). */
        public Builder answerStatus(Trigger trigger, int sw) {
            if (sw < 0 || sw > 0xFFFF) {
                throw new IllegalArgumentException("a status word is two bytes");
            }
            faults.add(new Fault.AnswerStatus(Objects.requireNonNull(trigger), sw));
            return this;
        }

        /** Serves {@code content} as EF {@code fileId} of application {@code aid}; see {@link ServedFile}. */
        public Builder serveFile(byte[] aid, int fileId, byte[] content) {
            servedFiles.add(new ServedFile(aid, fileId, content, false));
            return this;
        }

        /** Serves {@code start} then zero bytes without end as EF {@code fileId}: no read ever hits the end. */
        public Builder endlessFile(byte[] aid, int fileId, byte[] start) {
            servedFiles.add(new ServedFile(aid, fileId, start, true));
            return this;
        }

        /**
         * Every READ BINARY answer with data and {@code 9000} gets {@code bytes} more bytes than it
         * should (positive: filler {@code 00}), or {@code -bytes} fewer (negative, never below one).
         */
        public Builder readBinaryLengthOffBy(int bytes) {
            this.readBinaryLengthOffBy = bytes;
            return this;
        }

        /**
         * From the trigger's APDU on, the card answers {@code 61 10} ("16 more bytes, ask with GET
         * RESPONSE") to it and to every GET RESPONSE, with 16 bytes of data each time: the response
         * never ends. (The command itself is not passed to the card.)
         */
        public Builder moreDataForever(Trigger trigger) {
            this.moreDataForever = Objects.requireNonNull(trigger);
            return this;
        }

        public Builder truncateResponse(Trigger trigger, int keepBytes) {
            requireNotNegative(keepBytes, "keepBytes");
            faults.add(new Fault.TruncateResponse(Objects.requireNonNull(trigger), keepBytes));
            return this;
        }

        public Builder truncateData(Trigger trigger, int keepDataBytes) {
            requireNotNegative(keepDataBytes, "keepDataBytes");
            faults.add(new Fault.TruncateData(Objects.requireNonNull(trigger), keepDataBytes));
            return this;
        }

        public Builder garbleData(Trigger trigger, int dataIndex) {
            requireNotNegative(dataIndex, "dataIndex");
            faults.add(new Fault.GarbleData(Objects.requireNonNull(trigger), dataIndex));
            return this;
        }

        /** A slow card: wait this long before forwarding every APDU. */
        public Builder delayEachApdu(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
            this.delayPerApdu = delay;
            return this;
        }

        public FaultPlan build() {
            List<Fault> all = new ArrayList<>(faults);
            if (moreDataForever != null) {
                all.add(new Fault.MoreDataForever(moreDataForever));
            }
            return new FaultPlan(all, delayPerApdu, servedFiles, readBinaryLengthOffBy);
        }

        private static void requireNotNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
        }
    }
}
