package jp.madoguchi.card.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ApduTransport;
import jp.madoguchi.card.apdu.Hex;

/**
 * A fake card that expects an exact sequence of command APDUs and answers each with a scripted
 * response: the protocol's byte-for-byte behaviour is asserted, not mocked.
 */
public final class ScriptedTransport implements ApduTransport {
    private record Step(String expectedCommand, byte[] response, CardException failure) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();

    /** Expects {@code commandHex} (spaces ignored) and answers {@code responseHex}. */
    public ScriptedTransport expect(String commandHex, String responseHex) {
        steps.add(new Step(norm(commandHex), Hex.decode(responseHex), null));
        return this;
    }

    /** Expects {@code commandHex} and answers the data followed by the status word. */
    public ScriptedTransport expect(String commandHex, byte[] data, int sw) {
        byte[] r = new byte[data.length + 2];
        System.arraycopy(data, 0, r, 0, data.length);
        r[data.length] = (byte) (sw >> 8);
        r[data.length + 1] = (byte) sw;
        steps.add(new Step(norm(commandHex), r, null));
        return this;
    }

    /** Expects {@code commandHex} and fails the exchange. */
    public ScriptedTransport expectFailure(String commandHex, CardException failure) {
        steps.add(new Step(norm(commandHex), null, failure));
        return this;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardException {
        sent.add(command.clone());
        Step step = steps.poll();
        if (step == null) {
            throw new AssertionError("unexpected extra command " + Hex.encode(command));
        }
        assertEquals(step.expectedCommand, Hex.encode(command), "command #" + sent.size());
        if (step.failure != null) {
            throw step.failure;
        }
        return step.response.clone();
    }

    public void assertDone() {
        assertTrue(steps.isEmpty(), steps.size() + " scripted command(s) were never sent");
    }

    public List<byte[]> sent() {
        return sent;
    }

    private static String norm(String hex) {
        return hex.replace(" ", "").toUpperCase();
    }
}
