package jp.madoguchi.forms.render;

/** The paper widths of receipt printers, as the half-width columns a line holds in the standard font. */
public enum ReceiptWidth {
    /** 58 mm paper: 32 half-width (16 full-width) characters. */
    MM58(32),
    /** 80 mm paper: 48 half-width (24 full-width) characters. */
    MM80(48);

    private final int columns;

    ReceiptWidth(int columns) {
        this.columns = columns;
    }

    /** Half-width columns per line; a full-width character takes two. */
    public int columns() {
        return columns;
    }
}
