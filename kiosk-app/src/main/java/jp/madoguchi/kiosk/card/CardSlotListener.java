package jp.madoguchi.kiosk.card;

/** Receives {@link CardSlot}'s events, one at a time and in order, on the executor given to the slot. */
@FunctionalInterface
public interface CardSlotListener {
    void cardSlotChanged(CardSlotEvent event);
}
