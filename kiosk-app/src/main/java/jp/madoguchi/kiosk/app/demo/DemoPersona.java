package jp.madoguchi.kiosk.app.demo;

import java.util.Objects;
import jp.madoguchi.card.emulator.Persona;

/**
 * A built-in emulator persona as the demo panel lists it, with its (synthetic) secrets, which the panel shows
 * so that whoever runs the demo can type them. Only the id appears in {@link #toString()} and logs.
 *
 * @param id e.g. {@code default}, {@code long-address}, {@code gaiji}, {@code pin-one-try}
 * @param description what the persona is for (English, from the persona file)
 * @param pin the 4-digit PIN the booth asks for (the text AP's; the JPKI authentication PIN when it differs is
 *        in {@code authPin})
 * @param authPin the JPKI authentication PIN
 * @param signaturePassword the JPKI signature password
 */
public record DemoPersona(String id, String description, String pin, String authPin, String signaturePassword) {
    public DemoPersona {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(authPin, "authPin");
        Objects.requireNonNull(signaturePassword, "signaturePassword");
    }

    static DemoPersona of(Persona persona) {
        return new DemoPersona(persona.id(), persona.description(), persona.textPin(), persona.authPin(),
                persona.signaturePassword());
    }

    /** The PIN as the panel shows it: "1234", or "1234 / 5678" when the two PINs differ. */
    public String pinsShown() {
        return pin.equals(authPin) ? pin : pin + " / " + authPin;
    }

    @Override
    public String toString() {
        return "DemoPersona[" + id + "]";
    }
}
