package jp.madoguchi.kiosk.pin;

import java.util.List;
import java.util.Objects;

/**
 * A message for the screen as a resource-bundle key and its arguments (numbers only, never a
 * secret), e.g. {@code pin.prompt.tries_left} with {@code [2]}. Keys start with {@code pin.} for the
 * 4-digit PINs and {@code password.} for the signature password, whose wording and counts differ.
 */
public record PinMessage(String key, List<Integer> arguments) {
    public PinMessage {
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments);
    }

    public static PinMessage of(String key, Integer... arguments) {
        return new PinMessage(key, List.of(arguments));
    }
}
