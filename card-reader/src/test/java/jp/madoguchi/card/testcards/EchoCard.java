package jp.madoguchi.card.testcards;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CommandApdu;
import jp.madoguchi.card.apdu.MalformedApduException;
import jp.madoguchi.card.apdu.StatusWords;
import jp.madoguchi.card.emulator.VirtualCard;

/**
 * A minimal {@link VirtualCard} for transport tests, not a My Number card:
 * <ul>
 * <li>SELECT ({@code A4}): {@code 9000};</li>
 * <li>ECHO ({@code 80 EE}): answers its command data followed by {@code 9000};</li>
 * <li>READ BINARY ({@code B0}): Ne bytes of a counting pattern ({@code (offset + i) & FF}) and {@code 9000},
 *     so one extended-length read of a few KB can be checked byte by byte;</li>
 * <li>anything else: {@code 6D00}.</li>
 * </ul>
 * {@link #pullOnNextCommand()} makes the next command throw {@link CardError#CARD_REMOVED}, the way
 * a card pulled out in the middle of an APDU would. Thread-safe (state is atomic).
 */
public final class EchoCard implements VirtualCard {
    /** A T=1 ATR (one of the My Number card's contact ATRs), so extended APDUs are allowed. */
    public static final byte[] ATR = HexFormat.of().parseHex("3BDA13FF8131FB468012392F31C173C601C03B");
    public static final int INS_ECHO = 0xEE;

    private final AtomicBoolean powered = new AtomicBoolean();
    private final AtomicBoolean pullNext = new AtomicBoolean();
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger powerOns = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();

    @Override
    public byte[] atr() {
        return ATR.clone();
    }

    @Override
    public void powerOn() {
        powered.set(true);
        powerOns.incrementAndGet();
    }

    @Override
    public void powerOff() {
        powered.set(false);
    }

    @Override
    public void reset() {
        powered.set(true);
        resets.incrementAndGet();
    }

    public void pullOnNextCommand() {
        pullNext.set(true);
    }

    public int commandCount() {
        return commands.get();
    }

    public int resetCount() {
        return resets.get();
    }

    public boolean isPowered() {
        return powered.get();
    }

    @Override
    public byte[] transmit(byte[] raw) throws CardException {
        commands.incrementAndGet();
        if (pullNext.getAndSet(false)) {
            throw new CardException(CardError.CARD_REMOVED, "test card pulled during the command");
        }
        CommandApdu command;
        try {
            command = CommandApdu.parse(raw);
        } catch (MalformedApduException e) {
            return sw(StatusWords.WRONG_LENGTH);
        }
        switch (command.ins()) {
            case 0xA4:
                return sw(StatusWords.SUCCESS);
            case INS_ECHO: {
                byte[] data = command.data();
                byte[] out = Arrays.copyOf(data, data.length + 2);
                out[data.length] = (byte) 0x90;
                return out;
            }
            case 0xB0: {
                int offset = (command.p1() << 8) | command.p2();
                int ne = command.ne() == CommandApdu.NO_LE ? 0 : command.ne();
                byte[] out = new byte[ne + 2];
                for (int i = 0; i < ne; i++) {
                    out[i] = (byte) (offset + i);
                }
                out[ne] = (byte) 0x90;
                return out;
            }
            default:
                return sw(StatusWords.INS_NOT_SUPPORTED);
        }
    }

    private static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }
}
