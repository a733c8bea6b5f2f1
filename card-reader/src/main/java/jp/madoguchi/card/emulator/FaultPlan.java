package jp.madoguchi.card.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FaultyCard} should go wrong, and when: take the card out, cut or garble a response,
 * or make every APDU slow. Each fault fires once, on the first APDU that matches its
 * {@link Trigger}. Immutable; build with {@link #builder()}.
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

    private FaultPlan(List<Fault> faults, Duration delayPerApdu) {
        this.faults = List.copyOf(faults);
        this.delayPerApdu = delayPerApdu;
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
        private Duration delayPerApdu = Duration.ZERO;

        private Builder() {
        }

        public Builder removeCard(Trigger trigger) {
            faults.add(new Fault.RemoveCard(Objects.requireNonNull(trigger)));
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
            return new FaultPlan(faults, delayPerApdu);
        }

        private static void requireNotNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
        }
    }
}
