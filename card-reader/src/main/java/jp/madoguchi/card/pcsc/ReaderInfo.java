package jp.madoguchi.card.pcsc;

import java.util.Objects;

/** A reader as listed by {@link Readers#list()}: its PC/SC name and whether a card is in it. */
public record ReaderInfo(String name, boolean cardPresent) {
    public ReaderInfo {
        Objects.requireNonNull(name, "name");
    }
}
